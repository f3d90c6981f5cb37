import { loadConfig } from '../../config/parley-config';
import { startServer } from '../../http/serve';
import { StoreFlags } from '../boot';
import { cli } from '../cli-context';

export interface ServeFlags extends StoreFlags {
  port?: number;
  host?: string;
  history?: boolean;
}

const examples = (url: string): string =>
  [
    `Parley is serving ${url}  (API docs: ${url}/docs, OpenAPI: ${url}/openapi.json)`,
    '',
    'Try:',
    `  curl '${url}/negotiations/nafta-renegotiation/issues/auto-rules-of-origin?asOf=2018-05-25'`,
    `  curl '${url}/probes?asOf=2018-05-23'`,
    '  npx parley state auto-rules-of-origin --negotiation nafta-renegotiation --as-of 2018-01-30',
    '',
  ].join('\n');

/** `parley serve`: the HTTP API over any store; the bundled history is loaded unless --no-history. */
export const serveCommand = async (flags: ServeFlags): Promise<void> => {
  const { stdout, env, clock } = cli();
  const config = loadConfig({
    db: flags.db,
    store: flags.store,
    port: flags.port,
    host: flags.host,
    loadBundledHistory: flags.history !== false,
  }, env);
  const { url, loaded } = await startServer(config, { clock });
  if (loaded) stdout.write(`Bundled history: ${loaded.appended} events recorded, ${loaded.duplicates} already present.\n`);
  stdout.write(examples(url));
};

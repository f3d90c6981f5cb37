import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoredEvent } from '../../events';
import { Clock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/parley-config';
import { RunningServer, startServer } from '../../src/http/serve';
import { EVENT_STORE, EventFilter, EventStore, matchesFilter } from '../../src/store/event-store.port';
import { SseClient } from '../support/sse-client';

export const CLI = join(__dirname, '..', '..', 'bin', 'parley.js');

/** A temporary store file, removed by `cleanup`. */
export const tempStore = (): { db: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-subscriptions-'));
  return { db: join(dir, 'parley.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Starts the real HTTP server on a loopback port, with subscription limits given as environment. */
export const startParley = async (db: string, env: Record<string, string> = {}, clock?: Clock): Promise<RunningServer> => {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await startServer(loadConfig({ store: db, port: 0, host: '127.0.0.1', loadBundledHistory: false }), { clock, logger: ['error'] });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
};

export type RawEvent = Record<string, unknown>;

export const statement = (id: string, negotiation: string, party: string, quote = `statement ${id}`): RawEvent => ({
  id,
  type: 'StatementIssued',
  negotiation,
  party,
  occurredAt: '2018-05-24',
  data: { speaker: 'A spokesperson', quote },
});

export const offer = (id: string, negotiation: string, issue: string, party: string, value = 70, occurredAt = '2018-05-24'): RawEvent => ({
  id,
  type: 'OfferMade',
  negotiation,
  issue,
  party,
  occurredAt,
  confidence: 'reported',
  data: { terms: [{ metric: 'regional_value_content', value, unit: 'percent' }] },
});

/** Records events through the HTTP API (one all-or-nothing batch). */
export const postEvents = async (url: string, events: RawEvent[]): Promise<{ firstPosition: number; lastPosition: number }> => {
  const response = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`POST /events failed: ${response.status} ${JSON.stringify(body)}`);
  return body as { firstPosition: number; lastPosition: number };
};

/** Records events from another process: `parley append --db <file> -` fed NDJSON on stdin. */
export const cliAppend = (db: string, events: RawEvent[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'append', '--db', db, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`parley append exited ${code}: ${stderr}`))));
    child.stdin.end(events.map((e) => JSON.stringify(e)).join('\n'));
  });

export const storeOf = (server: RunningServer): EventStore => server.app.get<EventStore>(EVENT_STORE);

export const storedMatching = async (store: EventStore, filter: EventFilter = {}): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) if (matchesFilter(event, filter)) events.push(event);
  return events;
};

/** A query string for a filter, with repeated `type` parameters. */
export const filterQuery = (filter: EventFilter, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams();
  if (filter.negotiation) params.set('negotiation', filter.negotiation);
  if (filter.issue) params.set('issue', filter.issue);
  if (filter.party) params.set('party', filter.party);
  for (const type of filter.types ?? []) params.append('type', type);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
};

/** Polls (bounded) until the condition holds. */
export const eventually = async (condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/**
 * Per-test fixture: a temp store, a slot for the server under test and the SSE clients opened
 * through `open`, all closed after each test.
 */
export const sseFixture = () => {
  const fixture = {
    store: undefined as unknown as { db: string; cleanup: () => void },
    server: undefined as RunningServer | undefined,
    clients: [] as SseClient[],
    open: async (path: string, headers?: Record<string, string>): Promise<SseClient> => {
      const client = await SseClient.open(`${fixture.server!.url}${path}`, headers);
      fixture.clients.push(client);
      return client;
    },
  };
  beforeEach(() => (fixture.store = tempStore()));
  afterEach(async () => {
    fixture.clients.splice(0).forEach((c) => c.close());
    await fixture.server?.app.close();
    fixture.server = undefined;
    fixture.store.cleanup();
  });
  return fixture;
};

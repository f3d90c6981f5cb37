import { Command, Option } from 'commander';
import { loadConfig } from '../../config/parley-config';
import { InvalidInputError } from '../../errors/invalid-input.error';
import { positionSchema } from '../../queries/query-params';
import { EVENT_STORE, EventStore } from '../../store/event-store.port';
import { registerWebhook, replayWebhook, viewOf, webhookOrThrow } from '../../webhooks/webhook-registration';
import { openWebhookRegistry, WebhookRegistry } from '../../webhooks/webhook-registry';
import { StoreFlags, withApp } from '../boot';
import { cli } from '../cli-context';
import { table } from '../table';

interface WebhookAddFlags extends StoreFlags {
  secret: string;
  on: string;
  negotiation?: string;
  issue?: string;
  party?: string;
  metric?: string;
  type?: string[];
  minConfidence?: string;
  threshold?: string;
  target?: string;
  days?: string;
  fromPosition?: string;
  json?: boolean;
}

const withRegistry = async <T>(flags: StoreFlags, run: (registry: WebhookRegistry, store: EventStore) => Promise<T>): Promise<T> =>
  withApp(flags, async (app) => {
    const registry = openWebhookRegistry(loadConfig({ db: flags.db, store: flags.store }, cli().env).webhooks.registry);
    try {
      return await run(registry, app.get<EventStore>(EVENT_STORE));
    } finally {
      registry.close();
    }
  });

const out = (value: unknown): void => void cli().stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`);

/** Flags to the same condition object the API takes; the schema then names whatever is missing or wrong. */
const conditionFrom = (flags: WebhookAddFlags): Record<string, unknown> => {
  const numeric = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const fields: Record<string, unknown> = {
    kind: flags.on, negotiation: flags.negotiation, issue: flags.issue, party: flags.party, metric: flags.metric,
    types: flags.type, minConfidence: flags.minConfidence, threshold: numeric(flags.threshold), target: flags.target, days: numeric(flags.days),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `parley webhooks add|list|remove|dead-letters|replay`: the same registry the server delivers from. */
export const webhooksCommand = (program: Command, storeOptions: (command: Command) => Command): void => {
  const webhooks = program.command('webhooks').description('webhooks on conditions: add, list, remove, dead letters, replay');

  storeOptions(webhooks.command('add').argument('<url>', 'http(s) URL that receives signed POSTs'))
    .description('register a webhook (delivers what is recorded from now on, or from --from-position)')
    .requiredOption('--secret <secret>', 'shared secret for the Parley-Signature HMAC (at least 16 characters)')
    .addOption(
      new Option('--on <condition>', 'what to deliver')
        .choices(['events', 'position-changed', 'status-changed', 'gap-changed', 'tariff-changed', 'deadline-within'])
        .makeOptionMandatory(),
    )
    .option('--negotiation <slug>', 'negotiation (required for position/status/gap conditions)')
    .option('--issue <slug>', 'issue (required for position/status/gap conditions)')
    .option('--party <party>', 'party (events, position-changed)')
    .option('--metric <key>', 'metric key, e.g. regional_value_content or regional_value_content@high-value-parts')
    .addOption(new Option('--type <type>', 'event type (events; repeatable)').argParser(collect))
    .option('--min-confidence <level>', 'confirmed | reported | unconfirmed (events)')
    .option('--threshold <n>', 'gap-changed: fire when the gap crosses this size')
    .option('--target <country>', 'tariff-changed: the target country')
    .option('--days <n>', 'deadline-within: how many days ahead')
    .option('--from-position <n>', 'deliver what was recorded after this position')
    .action((url: string, flags: WebhookAddFlags) =>
      withRegistry(flags, async (registry, store) => {
        const input = { url, secret: flags.secret, condition: conditionFrom(flags), ...(flags.fromPosition ? { fromPosition: flags.fromPosition } : {}) };
        out(await registerWebhook(registry, store, cli().clock, input));
      }),
    );

  storeOptions(webhooks.command('list'))
    .description('registered webhooks (never their secrets)')
    .option('--json', 'JSON')
    .action((flags: StoreFlags & { json?: boolean }) =>
      withRegistry(flags, async (registry) => {
        const views = registry.list().map((w) => viewOf(registry, w));
        if (flags.json) return out({ webhooks: views });
        const rows = views.map((w) => [w.id, w.url, JSON.stringify(w.condition), w.cursor.toString(), String(w.deadLetters)]);
        cli().stdout.write(`${views.length ? table(['id', 'url', 'condition', 'cursor', 'dead letters'], rows) : 'no webhooks'}\n`);
      }),
    );

  storeOptions(webhooks.command('remove').argument('<id>', 'webhook id'))
    .description('remove a webhook, its cursor and its dead letters')
    .action((id: string, flags: StoreFlags) =>
      withRegistry(flags, async (registry) => {
        webhookOrThrow(registry, id);
        registry.remove(id);
        cli().stdout.write(`removed ${id}\n`);
      }),
    );

  storeOptions(webhooks.command('dead-letters').argument('[id]', 'only this webhook'))
    .description('deliveries that failed every attempt, with the last error')
    .action((id: string | undefined, flags: StoreFlags) =>
      withRegistry(flags, async (registry) => {
        if (id !== undefined) webhookOrThrow(registry, id);
        for (const letter of registry.deadLetters(id)) out(letter);
      }),
    );

  storeOptions(webhooks.command('replay').argument('<id>', 'webhook id'))
    .description('deliver again everything recorded after a position')
    .requiredOption('--from-position <n>', 'exclusive: events after this position')
    .action((id: string, flags: StoreFlags & { fromPosition: string }) =>
      withRegistry(flags, async (registry) => {
        const position = positionSchema.safeParse(flags.fromPosition);
        if (!position.success) throw InvalidInputError.fromZod(position.error, '--from-position');
        out(replayWebhook(registry, id, position.data));
      }),
    );
};

import { z } from 'zod';
import { pathOf } from '../../events';
import { InvalidInputError } from '../errors/invalid-input.error';
import { storeKindOf } from '../store/store-location';
import { integerIn, onOff, portSchema } from './values';

export const DEFAULT_DB_PATH = './data/parley.db';
export const PARLEY_CONFIG = Symbol('ParleyConfig');

/** Tunables of the live streams (heartbeats, the per-subscriber buffer, checkpointing); see README. */
const subscriptionLimitsSchema = z.object({
  /** A `: heartbeat` comment this often keeps proxies from closing idle streams. */
  heartbeatMs: integerIn(1).default(15_000),
  /** Live events a subscriber may have waiting for its socket before it is disconnected. */
  maxQueuedEvents: integerIn(1).default(10_000),
  /** The same bound in bytes of framed messages. */
  maxQueuedBytes: integerIn(1).default(16 * 1024 * 1024),
  /** Named subscriptions store their checkpoint at most this often (and always on close). */
  checkpointEveryMs: integerIn(1).default(100),
  /** After the final message of a cut-off stream, how long its socket may take to flush before it is destroyed. */
  closeGraceMs: integerIn(1).default(10_000),
  /** On server shutdown, the same grace (kept short so the process exits promptly). */
  shutdownGraceMs: integerIn(1).default(1_000),
  /** How often the issue-state stream looks whether "today" (its default asOf) has changed. */
  dayCheckMs: integerIn(1).default(60_000),
  /** Named checkpoints the store may hold; a new name past this is refused (409 checkpoint_limit_reached). */
  maxCheckpoints: integerIn(1).default(1_000),
});

/** Webhook delivery: where registrations live, and how hard a failing receiver is retried. */
const webhookSettingsSchema = z.object({
  /** Deliver from this server (turn off on all but one of several servers sharing a registry). */
  enabled: onOff.default(true),
  /** SQLite file of registrations, cursors and dead letters (default: beside a file store). */
  registry: z.string().min(1).optional(),
  maxAttempts: integerIn(1).default(8),
  backoffMs: integerIn(0).default(1_000),
  maxBackoffMs: integerIn(0).default(300_000),
  timeoutMs: integerIn(1).default(10_000),
  registryPollMs: integerIn(1).default(1_000),
  deadlineCheckMs: integerIn(1).default(60_000),
});

/** Beside a file store (`data/parley.db` → `data/parley.webhooks.db`); in memory with a memory store. */
export const defaultWebhookRegistryPath = (store: string): string => {
  if (store === ':memory:') return ':memory:';
  if (storeKindOf(store) !== 'sqlite') return './data/webhooks.db';
  return store.replace(/(\.[a-z0-9]+)?$/i, '.webhooks.db');
};

/**
 * Everything configurable, in one schema for the environment, CLI flags and code. To add a setting:
 * a field here (with its default), its variable in ENVIRONMENT, and — for a flag — an option whose
 * `.argParser(flagValue(…))` uses the same value schema.
 */
export const configSchema = z
  .object({
  /**
   * The one switch between adapters: a file path (or ':memory:') selects embedded SQLite, a
   * connection string selects a server (storeKindOf decides which).
   */
  store: z
    .string()
    .min(1)
    .superRefine((location, ctx) => {
      try {
        storeKindOf(location);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as InvalidInputError).problems?.[0]?.message ?? String(error) });
      }
    })
    .default(DEFAULT_DB_PATH),
  port: portSchema.default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  /** When set, writes need `Authorization: Bearer <token>`. */
  apiToken: z.string().min(1).optional(),
  bodyLimitBytes: integerIn(1).default(10 * 1024 * 1024),
  /** Load the bundled history into an empty store at start-up. */
  loadBundledHistory: z.boolean().default(false),
  /** Host names a request's Host header may carry (DNS-rebinding defence); default: the loopback names when bound to loopback. */
  allowedHosts: z
    .preprocess((value) => (typeof value === 'string' ? value.split(',').map((h) => h.trim()).filter(Boolean) : value), z.array(z.string().min(1)))
    .optional(),
  /** Open connections the server accepts at once; more are refused at the socket. */
  maxConnections: integerIn(1).default(1_024),
    subscriptions: subscriptionLimitsSchema.default(subscriptionLimitsSchema.parse({})),
    webhooks: webhookSettingsSchema.default(webhookSettingsSchema.parse({})),
  })
  .transform((config) => ({ ...config, webhooks: { ...config.webhooks, registry: config.webhooks.registry ?? defaultWebhookRegistryPath(config.store) } }));

export type ParleyConfig = z.output<typeof configSchema>;
export type WebhookSettings = ParleyConfig['webhooks'];

/** Environment variables and the setting each one fills (a dotted path); later lines win over earlier ones. */
const ENVIRONMENT: readonly (readonly [variable: string, setting: string])[] = [
  ['PARLEY_DB', 'store'],
  ['PARLEY_STORE', 'store'],
  ['PORT', 'port'],
  ['HOST', 'host'],
  ['PARLEY_API_TOKEN', 'apiToken'],
  ['PARLEY_BODY_LIMIT', 'bodyLimitBytes'],
  ['PARLEY_ALLOWED_HOSTS', 'allowedHosts'],
  ['PARLEY_MAX_CONNECTIONS', 'maxConnections'],
  ['PARLEY_SSE_HEARTBEAT_MS', 'subscriptions.heartbeatMs'],
  ['PARLEY_SSE_MAX_QUEUED_EVENTS', 'subscriptions.maxQueuedEvents'],
  ['PARLEY_SSE_MAX_QUEUED_BYTES', 'subscriptions.maxQueuedBytes'],
  ['PARLEY_SSE_CHECKPOINT_MS', 'subscriptions.checkpointEveryMs'],
  ['PARLEY_SSE_CLOSE_GRACE_MS', 'subscriptions.closeGraceMs'],
  ['PARLEY_SSE_SHUTDOWN_GRACE_MS', 'subscriptions.shutdownGraceMs'],
  ['PARLEY_SSE_DAY_CHECK_MS', 'subscriptions.dayCheckMs'],
  ['PARLEY_MAX_CHECKPOINTS', 'subscriptions.maxCheckpoints'],
  ['PARLEY_WEBHOOKS', 'webhooks.enabled'],
  ['PARLEY_WEBHOOKS_DB', 'webhooks.registry'],
  ['PARLEY_WEBHOOK_MAX_ATTEMPTS', 'webhooks.maxAttempts'],
  ['PARLEY_WEBHOOK_BACKOFF_MS', 'webhooks.backoffMs'],
  ['PARLEY_WEBHOOK_MAX_BACKOFF_MS', 'webhooks.maxBackoffMs'],
  ['PARLEY_WEBHOOK_TIMEOUT_MS', 'webhooks.timeoutMs'],
];

/** Settings given in code or by flags (already parsed by their flag's schema); `db` is the --db spelling of `store`. */
export type ConfigOverrides = { [K in keyof ParleyConfig]?: ParleyConfig[K] extends object ? Partial<ParleyConfig[K]> : ParleyConfig[K] } & { db?: string };

/**
 * The configuration: defaults, then the environment, then overrides; validated as a whole. A bad
 * value is an InvalidInputError naming where it came from (`PORT: expected an integer from 0 to
 * 65535, got "abc"`).
 */
export const loadConfig = (overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): ParleyConfig => {
  const raw: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  const set = (setting: string, value: unknown, from: string): void => {
    if (value === undefined || value === '') return;
    const keys = setting.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => (node[key] ??= {}) as Record<string, unknown>, raw);
    parent[keys[keys.length - 1]] = value;
    origin.set(setting, from);
  };
  for (const [variable, setting] of ENVIRONMENT) set(setting, env[variable], variable);
  const { db, ...rest } = overrides;
  set('store', db, 'db');
  for (const [setting, value] of Object.entries(rest)) {
    if (value === null || typeof value !== 'object') set(setting, value, setting);
    else for (const [inner, innerValue] of Object.entries(value)) set(`${setting}.${inner}`, innerValue, `${setting}.${inner}`);
  }

  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    parsed.error.issues.map((issue) => {
      const setting = pathOf(issue.path);
      return { field: origin.get(setting) ?? setting, message: issue.message };
    }),
  );
};

/**
 * Everything configurable, read once from the environment and overridden by CLI flags.
 * `store` is the one switch between adapters: a file path (or ':memory:') selects embedded SQLite,
 * an esdb:// or kurrentdb:// connection string selects KurrentDB.
 */
export interface ParleyConfig {
  store: string;
  port: number;
  host: string;
  apiToken?: string;
  bodyLimitBytes: number;
  /** Load the bundled history into an empty store at start-up. */
  loadBundledHistory: boolean;
  webhooks: WebhookSettings;
}

/** Webhook delivery: where registrations live, and how hard a failing receiver is retried. */
export interface WebhookSettings {
  /** Deliver from this server (turn off on all but one of several servers sharing a registry). */
  enabled: boolean;
  /** SQLite file of registrations, cursors and dead letters (default: beside a file store). */
  registry: string;
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  registryPollMs: number;
  deadlineCheckMs: number;
}

export const DEFAULT_DB_PATH = './data/parley.db';
export const PARLEY_CONFIG = Symbol('ParleyConfig');

export type ConfigOverrides = Partial<ParleyConfig> & { db?: string };

export const loadConfig = (overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): ParleyConfig => {
  const { db, ...rest } = definedOnly(overrides);
  return {
    store: rest.store ?? db ?? env.PARLEY_STORE ?? env.PARLEY_DB ?? DEFAULT_DB_PATH,
    port: rest.port ?? positiveInt('PORT', env.PORT, 3000),
    host: rest.host ?? env.HOST ?? '127.0.0.1',
    apiToken: rest.apiToken ?? (env.PARLEY_API_TOKEN || undefined),
    bodyLimitBytes: rest.bodyLimitBytes ?? positiveInt('PARLEY_BODY_LIMIT', env.PARLEY_BODY_LIMIT, 10 * 1024 * 1024),
    loadBundledHistory: rest.loadBundledHistory ?? false,
    webhooks: rest.webhooks ?? webhookSettings(rest.store ?? db ?? env.PARLEY_STORE ?? env.PARLEY_DB ?? DEFAULT_DB_PATH, env),
  };
};

const webhookSettings = (store: string, env: NodeJS.ProcessEnv): WebhookSettings => ({
  enabled: env.PARLEY_WEBHOOKS !== 'off',
  registry: env.PARLEY_WEBHOOKS_DB || defaultWebhookRegistryPath(store),
  maxAttempts: Math.max(1, positiveInt('PARLEY_WEBHOOK_MAX_ATTEMPTS', env.PARLEY_WEBHOOK_MAX_ATTEMPTS, 8)),
  backoffMs: positiveInt('PARLEY_WEBHOOK_BACKOFF_MS', env.PARLEY_WEBHOOK_BACKOFF_MS, 1_000),
  maxBackoffMs: positiveInt('PARLEY_WEBHOOK_MAX_BACKOFF_MS', env.PARLEY_WEBHOOK_MAX_BACKOFF_MS, 300_000),
  timeoutMs: positiveInt('PARLEY_WEBHOOK_TIMEOUT_MS', env.PARLEY_WEBHOOK_TIMEOUT_MS, 10_000),
  registryPollMs: 1_000,
  deadlineCheckMs: 60_000,
});

/** Beside a file store (`data/parley.db` → `data/parley.webhooks.db`); in memory with a memory store. */
export const defaultWebhookRegistryPath = (store: string): string => {
  if (store === ':memory:') return ':memory:';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(store)) return './data/webhooks.db';
  return store.replace(/(\.[a-z0-9]+)?$/i, '.webhooks.db');
};

const positiveInt = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
};

const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

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
  };
};

const positiveInt = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
};

const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

import { InvalidArgumentError } from 'commander';
import { DEFAULT_DB_PATH, loadConfig } from '../../src/config/parley-config';
import { flagValue, portSchema } from '../../src/config/values';
import { InvalidInputError } from '../../src/errors/invalid-input.error';
import { storeKindOf } from '../../src/store/store-location';

const refusal = (load: () => unknown): { field: string; message: string }[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration: one schema for the environment, flags and code', () => {
  it('given no environment, then every setting has its documented default', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({ store: DEFAULT_DB_PATH, port: 3000, host: '127.0.0.1', bodyLimitBytes: 10 * 1024 * 1024, loadBundledHistory: false });
    expect(config.apiToken).toBeUndefined();
    expect(config.subscriptions).toMatchObject({ heartbeatMs: 15_000, checkpointEveryMs: 100 });
  });

  it('given environment variables and overrides, then overrides win, PARLEY_STORE wins over PARLEY_DB, and an empty variable counts as unset', () => {
    const env = { PARLEY_DB: 'a.db', PARLEY_STORE: 'b.db', PORT: '8080', HOST: '', PARLEY_API_TOKEN: '', PARLEY_SSE_HEARTBEAT_MS: '50' };
    const config = loadConfig({}, env);
    expect(config).toMatchObject({ store: 'b.db', port: 8080, host: '127.0.0.1', subscriptions: { heartbeatMs: 50 } });
    expect('apiToken' in config).toBe(false);
    expect(loadConfig({ db: 'c.db', port: 0 }, env)).toMatchObject({ store: 'c.db', port: 0 });
    expect(loadConfig({ db: 'c.db', store: 'd.db' }, env).store).toBe('d.db');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-5' }, 'PORT'],
    [{ PARLEY_BODY_LIMIT: '1.5' }, 'PARLEY_BODY_LIMIT'],
    [{ PARLEY_SSE_MAX_QUEUED_EVENTS: '0' }, 'PARLEY_SSE_MAX_QUEUED_EVENTS'],
    [{ PARLEY_STORE: 'foo://host' }, 'PARLEY_STORE'],
  ])('given %p, then the configuration is refused naming the variable that holds the bad value', (env, variable) => {
    const problems = refusal(() => loadConfig({}, env));
    expect(problems.map((p) => p.field)).toEqual([variable]);
  });

  it('given a file store and no PARLEY_WEBHOOKS_DB, then the webhook registry lives beside it; PARLEY_WEBHOOKS=off turns delivery off', () => {
    expect(loadConfig({ store: 'data/x.db' }, {}).webhooks).toMatchObject({ enabled: true, registry: 'data/x.webhooks.db' });
    expect(loadConfig({}, { PARLEY_STORE: 'esdb://h:2113', PARLEY_WEBHOOKS: 'off' }).webhooks).toMatchObject({ enabled: false, registry: './data/webhooks.db' });
    expect(refusal(() => loadConfig({}, { PARLEY_WEBHOOKS: 'maybe' })).map((p) => p.field)).toEqual(['PARLEY_WEBHOOKS']);
  });

  it('given a port out of range in code, then it is refused like the same value in the environment', () => {
    expect(refusal(() => loadConfig({ port: 65536 }, {})).map((p) => p.field)).toEqual(['port']);
  });
});

describe('a flag value is parsed by the same schema as its variable', () => {
  it('given --port abc, then commander gets an InvalidArgumentError (its one-line "argument is invalid" message), not a RangeError later', () => {
    const parse = flagValue(portSchema);
    expect(() => parse('abc')).toThrow(InvalidArgumentError);
    expect(() => parse('65536')).toThrow(InvalidArgumentError);
    expect(parse('0')).toBe(0);
    expect(parse('65535')).toBe(65535);
  });
});

describe('what a store location names', () => {
  it.each([
    ['./data/parley.db', 'sqlite'],
    [':memory:', 'sqlite'],
    ['esdb://localhost:2113?tls=false', 'kurrentdb'],
    ['kdb+discover://node1:2113,node2:2113?tls=false', 'kurrentdb'],
    ['KurrentDB+Discover://node1:2113', 'kurrentdb'],
    ['postgres://parley@localhost:5432/parley', 'postgres'],
    ['postgresql://localhost/parley?schema=p2', 'postgres'],
  ])('given %s, then it is %s', (location, kind) => {
    expect(storeKindOf(location)).toBe(kind);
  });

  it('given a URL with a scheme no adapter knows, then it is refused instead of opened as a file', () => {
    expect(() => storeKindOf('esbd://localhost:2113')).toThrow(/unknown store scheme "esbd:\/\/"/);
  });
});

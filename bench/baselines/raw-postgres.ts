import { Client } from 'pg';
import { ParleyEvent } from '../../events';

/**
 * The least a PostgreSQL event log can do, as a baseline on the same server: a table with a
 * sequence position, a unique id and the body, one INSERT per transaction (autocommit), no lock,
 * no revision or content check, no notification. Durability is the server's (synchronous_commit=on).
 */
export const openRawPostgres = async (url: string, table: string) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE ${table} (position bigserial PRIMARY KEY, id text NOT NULL UNIQUE, stream text NOT NULL, body text NOT NULL)`);
  const insertOne = `INSERT INTO ${table} (id, stream, body) VALUES ($1, $2, $3)`;
  const insertMany = `INSERT INTO ${table} (id, stream, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`;
  return {
    append: async (stream: string, events: readonly ParleyEvent[]): Promise<void> => {
      if (events.length === 1) await client.query(insertOne, [events[0].id, stream, JSON.stringify(events[0])]);
      else await client.query(insertMany, [events.map((e) => e.id), events.map(() => stream), events.map((e) => JSON.stringify(e))]);
    },
    close: () => client.end(),
  };
};

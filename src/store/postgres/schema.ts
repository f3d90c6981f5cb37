import type { Pool } from 'pg';

/** Bumped when the DDL below changes in a way an installed schema must be told about. */
export const SCHEMA_VERSION = 1;

/** The identifier of a schema object, double-quoted (the schema name comes from configuration). */
export const qualified = (schema: string, name: string): string => `${quote(schema)}.${quote(name)}`;
const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** The LISTEN/NOTIFY channel of one Parley schema (several may share a database). */
export const channelOf = (schema: string): string => `parley_events:${schema}`.slice(0, 63);

/**
 * Parley's tables in one PostgreSQL schema.
 *
 * - `events` is append-only: triggers refuse UPDATE, DELETE and TRUNCATE whoever asks, and the
 *   application role (grantApplicationRole) has only SELECT and INSERT on it. Global `UNIQUE(id)`
 *   and `UNIQUE(stream, stream_revision)` make the database itself refuse a second copy of an id
 *   or of a revision, whichever server tries.
 * - `head` is one row: the append lock (every append updates it first and holds its row lock to
 *   commit), the last position handed out and the last recordedAt. Positions are therefore
 *   assigned in commit order, so a reader that has seen position p can never later see a smaller
 *   one commit: no in-flight gaps, `position > last` is a safe cursor, on replicas too.
 * - `append_events` does a whole (multi-stream) append in one statement, so the lock is held for
 *   server-side work and the commit only, never across a client round trip.
 */
export const schemaSql = (schema: string): string => {
  const t = (name: string) => qualified(schema, name);
  const channel = channelOf(schema).replace(/'/g, "''");
  return `
CREATE SCHEMA IF NOT EXISTS ${quote(schema)};

CREATE TABLE IF NOT EXISTS ${t('events')} (
  position        bigint      PRIMARY KEY,
  id              text        NOT NULL CONSTRAINT events_id_unique UNIQUE CHECK (length(id) BETWEEN 1 AND 128),
  stream          text        NOT NULL,
  stream_revision bigint      NOT NULL CHECK (stream_revision >= 0),
  type            text        NOT NULL,
  negotiation     text        NOT NULL,
  issue           text,
  party           text,
  occurred_at     text        NOT NULL,
  recorded_at     timestamptz(3) NOT NULL,
  schema_version  integer     NOT NULL,
  body            text        NOT NULL,
  body_sha256     bytea       NOT NULL,
  CONSTRAINT events_stream_revision_unique UNIQUE (stream, stream_revision)
);
CREATE INDEX IF NOT EXISTS events_by_negotiation_issue ON ${t('events')} (negotiation, issue, position);
CREATE INDEX IF NOT EXISTS events_by_negotiation_type ON ${t('events')} (negotiation, type, position);
CREATE INDEX IF NOT EXISTS events_by_type ON ${t('events')} (type, position);
CREATE INDEX IF NOT EXISTS events_by_party ON ${t('events')} (party, position);

CREATE TABLE IF NOT EXISTS ${t('head')} (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  position    bigint  NOT NULL,
  recorded_at timestamptz(3) NOT NULL
);
INSERT INTO ${t('head')} (position, recorded_at) VALUES (0, '-infinity') ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS ${t('checkpoints')} (
  name       text   PRIMARY KEY,
  position   bigint NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS ${t('schema_version')} (version integer PRIMARY KEY);

CREATE OR REPLACE FUNCTION ${t('refuse_rewrite')}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: % refused', TG_OP USING ERRCODE = 'PRL09';
END $$;
DROP TRIGGER IF EXISTS events_are_never_updated_or_deleted ON ${t('events')};
CREATE TRIGGER events_are_never_updated_or_deleted BEFORE UPDATE OR DELETE ON ${t('events')}
  FOR EACH ROW EXECUTE FUNCTION ${t('refuse_rewrite')}();
DROP TRIGGER IF EXISTS events_are_never_truncated ON ${t('events')};
CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON ${t('events')}
  FOR EACH STATEMENT EXECUTE FUNCTION ${t('refuse_rewrite')}();

-- One call appends to one or more streams, all or nothing. Appends are described by parallel arrays
-- (stream, expected revision, number of events); events by parallel arrays in the same order.
-- Returns one row per event of each append (fresh = stored now; otherwise already stored with the
-- same content, at its original place) and one row per append with id NULL and the stream's next
-- expected revision. A conflict raises PRL01 (revision) or PRL02 (id with other content) with a
-- JSON detail, and the whole statement rolls back.
CREATE OR REPLACE FUNCTION ${t('append_events')}(
  p_streams text[], p_expected text[], p_counts integer[],
  p_ids text[], p_types text[], p_negotiations text[], p_issues text[], p_parties text[],
  p_occurred_at text[], p_schema_versions integer[], p_bodies text[], p_recorded_at timestamptz
) RETURNS TABLE (append_no integer, event_id text, event_position bigint, revision bigint, recorded text, fresh boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_head bigint;
  v_last_recorded timestamptz;
  v_recorded timestamptz;
  v_recorded_text text;
  v_offset integer := 0;
  v_actual bigint;
  v_expected text;
  v_holds boolean;
  v_digest bytea;
  v_existing record;
  v_appended integer := 0;
BEGIN
  -- The append lock: the head row, held until commit. Position and transaction time are taken
  -- under it, so both follow commit order.
  UPDATE ${t('head')} SET position = position WHERE singleton RETURNING position, recorded_at INTO v_head, v_last_recorded;
  v_recorded := date_trunc('milliseconds', GREATEST(v_last_recorded, COALESCE(p_recorded_at, clock_timestamp())));
  v_recorded_text := to_char(v_recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  FOR a IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
    SELECT coalesce(max(e.stream_revision), -1) INTO v_actual FROM ${t('events')} e WHERE e.stream = p_streams[a];
    v_expected := p_expected[a];
    v_holds := v_expected = 'any'
      OR (v_expected = 'no_stream' AND v_actual < 0)
      OR (v_expected = 'stream_exists' AND v_actual >= 0)
      OR (v_expected ~ '^-?[0-9]+$' AND v_expected::bigint = v_actual);
    FOR i IN v_offset + 1 .. v_offset + p_counts[a] LOOP
      v_digest := sha256(convert_to(p_bodies[i], 'UTF8'));
      SELECT e.position, e.stream_revision, e.body_sha256,
             to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded
        INTO v_existing FROM ${t('events')} e WHERE e.id = p_ids[i];
      IF FOUND THEN
        IF v_existing.body_sha256 <> v_digest THEN
          RAISE EXCEPTION 'event id "%" is already stored at position % with different content', p_ids[i], v_existing.position
            USING ERRCODE = 'PRL02', DETAIL = json_build_object('eventId', p_ids[i], 'storedPosition', v_existing.position::text)::text;
        END IF;
        RETURN QUERY SELECT a, p_ids[i], v_existing.position, v_existing.stream_revision, v_existing.recorded, false;
      ELSIF NOT v_holds THEN
        RAISE EXCEPTION 'stream %: expected revision %, actual %', p_streams[a], v_expected, v_actual
          USING ERRCODE = 'PRL01', DETAIL = json_build_object('stream', p_streams[a], 'expected', v_expected, 'actual', v_actual::text)::text;
      ELSE
        v_actual := v_actual + 1;
        v_head := v_head + 1;
        v_appended := v_appended + 1;
        INSERT INTO ${t('events')} (position, id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body, body_sha256)
          VALUES (v_head, p_ids[i], p_streams[a], v_actual, p_types[i], p_negotiations[i], p_issues[i], p_parties[i], p_occurred_at[i], v_recorded, p_schema_versions[i], p_bodies[i], v_digest);
        RETURN QUERY SELECT a, p_ids[i], v_head, v_actual, v_recorded_text, true;
      END IF;
    END LOOP;
    RETURN QUERY SELECT a, NULL::text, NULL::bigint, v_actual, NULL::text, NULL::boolean;
    v_offset := v_offset + p_counts[a];
  END LOOP;
  IF v_appended > 0 THEN
    UPDATE ${t('head')} SET position = v_head, recorded_at = v_recorded WHERE singleton;
    -- Delivered to listeners only if this transaction commits, after it is visible: a wake-up, never the data.
    PERFORM pg_notify('${channel}', v_head::text);
  END IF;
END $$;

INSERT INTO ${t('schema_version')} (version) VALUES (${SCHEMA_VERSION}) ON CONFLICT DO NOTHING;
`;
};

/**
 * Creates (or completes) the schema, once, even when several servers start at the same time
 * (a transaction-scoped advisory lock). When the schema is already installed nothing is executed,
 * so a server running as the restricted application role, which may not create anything, starts.
 */
export const installSchema = async (pool: Pool, schema: string): Promise<void> => {
  const table = await pool.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [qualified(schema, 'schema_version')]);
  if (table.rows[0]?.found) {
    const { rows } = await pool.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${qualified(schema, 'schema_version')}`);
    if ((rows[0]?.version ?? 0) >= SCHEMA_VERSION) return;
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('parley schema ' || $1))", [schema]);
    await client.query(schemaSql(schema));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * What the application role may do, and nothing more: read and insert events (never update,
 * delete or truncate them), move the append lock's head row, keep checkpoints. The schema stays
 * owned by another role, because an owner could disable the triggers.
 */
export const grantApplicationRoleSql = (schema: string, role: string): string => {
  const t = (name: string) => qualified(schema, name);
  const r = quote(role);
  return `
GRANT USAGE ON SCHEMA ${quote(schema)} TO ${r};
GRANT SELECT, INSERT ON ${t('events')} TO ${r};
GRANT SELECT, UPDATE ON ${t('head')} TO ${r};
GRANT SELECT, INSERT, UPDATE ON ${t('checkpoints')} TO ${r};
GRANT SELECT ON ${t('schema_version')} TO ${r};
GRANT EXECUTE ON FUNCTION ${t('append_events')}(text[], text[], integer[], text[], text[], text[], text[], text[], text[], integer[], text[], timestamptz) TO ${r};
`;
};

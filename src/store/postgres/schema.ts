import type { Pool } from 'pg';

/**
 * Bumped when the DDL below changes in a way an installed schema must be told about. 2: append_events
 * reads its arrays with unnest (a large append was quadratic); same signature and answers as 1.
 */
export const SCHEMA_VERSION = 2;

/** The oldest installed schema this code still works with (an older function is slower, not wrong). */
const OLDEST_COMPATIBLE_VERSION = 1;

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

-- One statement appends the queued calls of one Parley server (group commit: one transaction, one
-- WAL flush for all of them). Each call is one or more stream appends, all or nothing: it runs in
-- its own subtransaction, and a conflict rolls back that call alone and is reported as a row
-- (error_code PRL01 = revision, PRL02 = id already stored with other content; error_detail JSON).
-- Appends are described by parallel arrays (stream, expected revision, event count), calls by how
-- many appends each has, events by parallel arrays in order. Rows: one per event of each append
-- (fresh = stored now; otherwise already stored with the same content, at its original place),
-- one per append with event_id NULL and the stream's next expected revision, one per failed call.
CREATE OR REPLACE FUNCTION ${t('append_events')}(
  p_calls integer[], p_streams text[], p_expected text[], p_counts integer[],
  p_ids text[], p_types text[], p_negotiations text[], p_issues text[], p_parties text[],
  p_occurred_at text[], p_schema_versions integer[], p_bodies text[], p_recorded_at timestamptz
) RETURNS TABLE (call_no integer, append_no integer, event_id text, event_position bigint, revision bigint, recorded text, fresh boolean, error_code text, error_detail text)
LANGUAGE plpgsql AS $$
DECLARE
  v_start bigint;
  v_head bigint;
  v_call_head bigint;
  v_last_recorded timestamptz;
  v_recorded timestamptz;
  v_recorded_text text;
  v_append integer := 0;
  v_offset integer := 0;
  v_call_offset integer;
  v_call_events integer;
  v_lo integer;
  v_hi integer;
  v_actual bigint;
  v_expected text;
  v_holds boolean;
  v_existing text[];
  v_inserted integer;
  v_conflict record;
  v_code text;
  v_detail text;
BEGIN
  -- The append lock: the head row, held until commit. Positions and transaction time are taken
  -- under it, so both follow commit order.
  UPDATE ${t('head')} SET position = position WHERE singleton RETURNING position, recorded_at INTO v_head, v_last_recorded;
  v_start := v_head;
  v_recorded := date_trunc('milliseconds', GREATEST(v_last_recorded, COALESCE(p_recorded_at, clock_timestamp())));
  v_recorded_text := to_char(v_recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  FOR c IN 1 .. coalesce(array_length(p_calls, 1), 0) LOOP
    v_call_head := v_head;
    v_call_offset := v_offset;
    SELECT coalesce(sum(n), 0) INTO v_call_events FROM unnest(p_counts[v_append + 1 : v_append + p_calls[c]]) n;
    BEGIN
      FOR a IN v_append + 1 .. v_append + p_calls[c] LOOP
        v_lo := v_offset + 1;
        v_hi := v_offset + p_counts[a];
        v_offset := v_hi;
        SELECT coalesce(max(e.stream_revision), -1) INTO v_actual FROM ${t('events')} e WHERE e.stream = p_streams[a];
        v_expected := p_expected[a];
        v_holds := v_expected = 'any'
          OR (v_expected = 'no_stream' AND v_actual < 0)
          OR (v_expected = 'stream_exists' AND v_actual >= 0)
          OR (v_expected ~ '^-?[0-9]+$' AND v_expected::bigint = v_actual);
        -- Every lookup goes through the id index (= ANY(array)), whatever the planner thinks of the arrays' sizes.
        SELECT coalesce(array_agg(e.id), '{}') INTO v_existing FROM ${t('events')} e WHERE e.id = ANY(p_ids[v_lo : v_hi]);
        IF cardinality(v_existing) > 0 THEN
          SELECT x.id, e.position INTO v_conflict
            FROM unnest(p_ids[v_lo : v_hi], p_bodies[v_lo : v_hi]) WITH ORDINALITY AS x(id, body, k)
            JOIN ${t('events')} e ON e.id = x.id
           WHERE e.body_sha256 <> sha256(convert_to(x.body, 'UTF8'))
           ORDER BY x.k LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'event id "%" is already stored at position % with different content', v_conflict.id, v_conflict.position
              USING ERRCODE = 'PRL02', DETAIL = json_build_object('eventId', v_conflict.id, 'storedPosition', v_conflict.position::text)::text;
          END IF;
        END IF;
        v_inserted := 0;
        IF v_holds THEN
          -- The append's rows come from unnest over slices, one pass: a subscript per row (p_ids[i]) copies
          -- the whole array parameter each time, which made a large append quadratic. An id stored before
          -- is found through the id index (this statement does not see its own rows), never by scanning
          -- v_existing per row.
          INSERT INTO ${t('events')} (position, id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body, body_sha256)
            SELECT v_head + f.n, f.id, p_streams[a], v_actual + f.n, f.type, f.negotiation, f.issue, f.party,
                   f.occurred_at, v_recorded, f.schema_version, f.body, sha256(convert_to(f.body, 'UTF8'))
              FROM (SELECT x.*, row_number() OVER (ORDER BY x.k) AS n
                      FROM unnest(p_ids[v_lo : v_hi], p_types[v_lo : v_hi], p_negotiations[v_lo : v_hi], p_issues[v_lo : v_hi], p_parties[v_lo : v_hi],
                                  p_occurred_at[v_lo : v_hi], p_schema_versions[v_lo : v_hi], p_bodies[v_lo : v_hi])
                           WITH ORDINALITY AS x(id, type, negotiation, issue, party, occurred_at, schema_version, body, k)
                     WHERE cardinality(v_existing) = 0 OR NOT EXISTS (SELECT 1 FROM ${t('events')} e WHERE e.id = x.id)) f;
          GET DIAGNOSTICS v_inserted = ROW_COUNT;
        ELSIF cardinality(v_existing) < v_hi - v_lo + 1 THEN
          -- A revision that does not hold is no conflict only when every event is already stored (a retry).
          RAISE EXCEPTION 'stream %: expected revision %, actual %', p_streams[a], v_expected, v_actual
            USING ERRCODE = 'PRL01', DETAIL = json_build_object('stream', p_streams[a], 'expected', v_expected, 'actual', v_actual::text)::text;
        END IF;
        IF cardinality(v_existing) = 0 THEN
          -- All fresh (the common case): what was stored is known without reading it back.
          RETURN QUERY SELECT c, a, x.id, v_head + x.k, v_actual + x.k, v_recorded_text, true, NULL::text, NULL::text
            FROM unnest(p_ids[v_lo : v_hi]) WITH ORDINALITY AS x(id, k) ORDER BY x.k;
        ELSE
          RETURN QUERY SELECT c, a, e.id, e.position, e.stream_revision,
              to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.position > v_head, NULL::text, NULL::text
            FROM unnest(p_ids[v_lo : v_hi]) WITH ORDINALITY AS x(id, k)
            JOIN ${t('events')} e ON e.id = x.id
           ORDER BY x.k;
        END IF;
        v_head := v_head + v_inserted;
        RETURN QUERY SELECT c, a, NULL::text, NULL::bigint, v_actual + v_inserted, NULL::text, NULL::boolean, NULL::text, NULL::text;
      END LOOP;
    EXCEPTION WHEN SQLSTATE 'PRL01' OR SQLSTATE 'PRL02' THEN
      -- This call's rows are rolled back with its subtransaction; the rows it returned are ignored by the caller.
      GET STACKED DIAGNOSTICS v_code = RETURNED_SQLSTATE, v_detail = PG_EXCEPTION_DETAIL;
      v_head := v_call_head;
      RETURN QUERY SELECT c, NULL::integer, NULL::text, NULL::bigint, NULL::bigint, NULL::text, NULL::boolean, v_code, v_detail;
    END;
    v_append := v_append + p_calls[c];
    -- Past this call's events, whether it was stored or refused part-way.
    v_offset := v_call_offset + v_call_events;
  END LOOP;
  IF v_head > v_start THEN
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
  let installed = 0;
  if (table.rows[0]?.found) {
    const { rows } = await pool.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${qualified(schema, 'schema_version')}`);
    installed = rows[0]?.version ?? 0;
    if (installed >= SCHEMA_VERSION) return;
  }
  try {
    await runSchemaSql(pool, schema);
  } catch (error) {
    // A restricted application role (42501), or a read-only standby (25006), may not upgrade an older
    // schema it can still use: it runs on it, and says so, until the owner starts Parley once.
    if (!['42501', '25006'].includes((error as { code?: string }).code ?? '') || installed < OLDEST_COMPATIBLE_VERSION) throw error;
    process.emitWarning(
      `PostgreSQL schema ${schema} is at version ${installed}, this Parley's is ${SCHEMA_VERSION}: running on the installed one, whose large appends are slower. Start Parley once as the schema's owner to upgrade it.`,
      { code: 'PARLEY_SCHEMA_OUTDATED' },
    );
  }
};

const runSchemaSql = async (pool: Pool, schema: string): Promise<void> => {
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
GRANT EXECUTE ON FUNCTION ${t('append_events')}(integer[], text[], text[], integer[], text[], text[], text[], text[], text[], text[], integer[], text[], timestamptz) TO ${r};
`;
};

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WebhookCondition } from './webhook-condition';

export interface Webhook {
  id: string;
  url: string;
  secret: string;
  condition: WebhookCondition;
  createdAt: string;
  /** Exclusive: the last store position whose deliveries are done (delivered or dead-lettered). */
  cursor: bigint;
}

export interface DeadLetter {
  deliveryId: string;
  webhookId: string;
  position: bigint;
  payload: string;
  attempts: number;
  lastError: string;
  failedAt: string;
}

/** Webhooks are listed oldest first (then by id): a page resumes after the last one seen. */
export interface WebhookKey {
  createdAt: string;
  id: string;
}

/** A webhook's dead letters are listed by position (then delivery id). */
export interface DeadLetterKey {
  position: bigint;
  deliveryId: string;
}

/** A page asked of the registry: after the key, at most `limit` rows (all when absent). */
export interface RegistryPage<K> {
  after?: K;
  limit?: number;
}

/**
 * Webhooks are configuration, not evidence: they live beside the event log (a SQLite file of their
 * own, so a slow receiver never holds a lock the writers need), with each webhook's durable cursor,
 * its dead letters and the one-shot alerts (deadlines) already sent.
 */
export interface WebhookRegistry {
  add(webhook: Webhook): void;
  remove(id: string): boolean;
  get(id: string): Webhook | undefined;
  list(page?: RegistryPage<WebhookKey>): Webhook[];
  count(): number;
  /** Sets the cursor whatever it was (a replay). */
  moveCursor(id: string, position: bigint): void;
  /**
   * Moves the cursor from `from` to `to` only if it is still at `from`: false when someone else (a
   * replay, from this process or the CLI's) moved it meanwhile, and the worker must read it again.
   */
  advanceCursor(id: string, from: bigint, to: bigint): boolean;
  addDeadLetter(letter: DeadLetter): void;
  deadLetters(webhookId?: string): DeadLetter[];
  /** One webhook's dead letters, a page of them: read in the query, not all then sliced. */
  deadLettersPage(webhookId: string, page: RegistryPage<DeadLetterKey>): DeadLetter[];
  deadLetterCount(webhookId: string): number;
  /** One-shot alerts (a deadline coming near) are sent once: marked after delivery. */
  hasFired(webhookId: string, key: string): boolean;
  markFired(webhookId: string, key: string): void;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, condition TEXT NOT NULL,
  created_at TEXT NOT NULL, cursor TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_dead_letters (
  delivery_id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL, position TEXT NOT NULL, payload TEXT NOT NULL,
  attempts INTEGER NOT NULL, last_error TEXT NOT NULL, failed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dead_letters_by_webhook ON webhook_dead_letters (webhook_id);
-- The orders the lists page in: a page seeks to its cursor instead of sorting every row.
CREATE INDEX IF NOT EXISTS webhooks_by_creation ON webhooks (created_at, id);
CREATE INDEX IF NOT EXISTS dead_letters_in_order ON webhook_dead_letters (webhook_id, CAST(position AS INTEGER), delivery_id);
CREATE TABLE IF NOT EXISTS webhook_one_shots (webhook_id TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (webhook_id, key));
`;

interface WebhookRow { id: string; url: string; secret: string; condition: string; created_at: string; cursor: string }
interface DeadLetterRow { delivery_id: string; webhook_id: string; position: string; payload: string; attempts: number; last_error: string; failed_at: string }

const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id, url: row.url, secret: row.secret, condition: JSON.parse(row.condition) as WebhookCondition,
  createdAt: row.created_at, cursor: BigInt(row.cursor),
});

const toDeadLetter = (row: DeadLetterRow): DeadLetter => ({
  deliveryId: row.delivery_id, webhookId: row.webhook_id, position: BigInt(row.position), payload: row.payload,
  attempts: row.attempts, lastError: row.last_error, failedAt: row.failed_at,
});

export const openWebhookRegistry = (path: string): WebhookRegistry => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a killed process; a power cut may lose the last cursor moves, which
  // only repeats deliveries (at-least-once, same delivery ids) and never skips one. FULL would put
  // an fsync on every delivery of every webhook.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO webhooks (id, url, secret, condition, created_at, cursor) VALUES (?, ?, ?, ?, ?, ?)');
  const remove = db.transaction((id: string) => {
    db.prepare('DELETE FROM webhook_dead_letters WHERE webhook_id = ?').run(id);
    db.prepare('DELETE FROM webhook_one_shots WHERE webhook_id = ?').run(id);
    return db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
  });
  const select = db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?');
  // LIMIT -1 is no limit; '' sorts before every instant.
  const webhookCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM webhooks');
  const all = db.prepare<[string, string, number], WebhookRow>('SELECT * FROM webhooks WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?');
  const cursor = db.prepare('UPDATE webhooks SET cursor = ? WHERE id = ?');
  const advance = db.prepare('UPDATE webhooks SET cursor = ? WHERE id = ? AND cursor = ?');
  const letter = db.prepare(
    'INSERT OR IGNORE INTO webhook_dead_letters (delivery_id, webhook_id, position, payload, attempts, last_error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const letters = db.prepare<[], DeadLetterRow>('SELECT * FROM webhook_dead_letters ORDER BY webhook_id, CAST(position AS INTEGER), delivery_id');
  const lettersOf = db.prepare<[string], DeadLetterRow>('SELECT * FROM webhook_dead_letters WHERE webhook_id = ? ORDER BY CAST(position AS INTEGER), delivery_id');
  // The `>=` on the position alone lets SQLite seek in dead_letters_in_order; the row value then skips the letters seen.
  const lettersPage = db.prepare<[{ webhook: string; position: bigint; delivery: string; limit: number }], DeadLetterRow>(
    `SELECT * FROM webhook_dead_letters WHERE webhook_id = @webhook AND CAST(position AS INTEGER) >= @position
       AND (CAST(position AS INTEGER), delivery_id) > (@position, @delivery) ORDER BY CAST(position AS INTEGER), delivery_id LIMIT @limit`,
  );
  const letterCount = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM webhook_dead_letters WHERE webhook_id = ?');
  const fire = db.prepare('INSERT OR IGNORE INTO webhook_one_shots (webhook_id, key) VALUES (?, ?)');
  const fired = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM webhook_one_shots WHERE webhook_id = ? AND key = ?');
  return {
    add: (w) => void insert.run(w.id, w.url, w.secret, JSON.stringify(w.condition), w.createdAt, w.cursor.toString()),
    remove: (id) => remove(id),
    get: (id) => {
      const row = select.get(id);
      return row && toWebhook(row);
    },
    count: () => webhookCount.get()?.n ?? 0,
    list: (page = {}) => all.all(page.after?.createdAt ?? '', page.after?.id ?? '', page.limit ?? -1).map(toWebhook),
    moveCursor: (id, position) => void cursor.run(position.toString(), id),
    advanceCursor: (id, from, to) => advance.run(to.toString(), id, from.toString()).changes > 0,
    addDeadLetter: (l) => void letter.run(l.deliveryId, l.webhookId, l.position.toString(), l.payload, l.attempts, l.lastError, l.failedAt),
    deadLetters: (webhookId) => (webhookId === undefined ? letters.all() : lettersOf.all(webhookId)).map(toDeadLetter),
    deadLettersPage: (webhookId, page) =>
      lettersPage.all({ webhook: webhookId, position: page.after?.position ?? -1n, delivery: page.after?.deliveryId ?? '', limit: page.limit ?? -1 }).map(toDeadLetter),
    deadLetterCount: (webhookId) => letterCount.get(webhookId)?.n ?? 0,
    hasFired: (webhookId, key) => fired.get(webhookId, key) !== undefined,
    markFired: (webhookId, key) => void fire.run(webhookId, key),
    close: () => db.close(),
  };
};

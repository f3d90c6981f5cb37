/**
 * The writer thread of a file store: it owns the store's write connection, so a commit (its inserts,
 * hashing and fsync) never holds the server's event loop, and callers keep queueing while it runs —
 * the next group commit takes them all. The event loop keeps its own connection for reads, and has
 * created the schema before this thread starts.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { EventDraft, sqliteDraftWriter } from './draft-writer';
import { groupCommit } from './group-commit';
import { SQLiteTuning, tuneConnection } from './schema';
import { storageProblemOf } from './storage-errors';
import { AppendRequest, encodeError, WriterReply, WriterRequest } from './writer-protocol';

const { path, tuning } = workerData as { path: string; tuning: SQLiteTuning };
const port = parentPort!;

const connect = () => {
  const db = new Database(path);
  tuneConnection(db, tuning);
  const checkpoint = db.prepare(
    `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
  );
  return { db, writer: groupCommit(sqliteDraftWriter(db)), checkpoint };
};
/** Opened on the first request, and again after a failed open (a file that was read-only may not be any more). */
let connection: ReturnType<typeof connect> | undefined;
const connected = (): ReturnType<typeof connect> => (connection ??= connect());

/** Drafts sent ahead of their append, by request. */
const parts = new Map<number, EventDraft[]>();

/**
 * Answers of one turn go back as one message: a group commit answers all its callers at once, and
 * each message costs the event loop a wake-up and a dispatch.
 */
let replies: WriterReply[] = [];
const sendReplies = (): void => {
  const batch = replies;
  replies = [];
  port.postMessage(batch);
};
const reply = (message: WriterReply): void => {
  if (replies.push(message) === 1) queueMicrotask(sendReplies);
};
const fail = (id: number, error: unknown): void => reply({ id, ok: false, error: encodeError(storageProblemOf(error) ?? error) });

const append = (request: AppendRequest): void => {
  let drafts = request.drafts;
  const sent = parts.get(request.id);
  if (sent) {
    parts.delete(request.id);
    for (const draft of drafts) sent.push(draft);
    drafts = sent;
  }
  let start = 0;
  const appends = request.streams.map(({ stream, expectedRevision, count }) => ({ stream, expectedRevision, drafts: drafts.slice(start, (start += count)) }));
  connected().writer.submit({ appends, at: request.at }, (outcome) =>
    outcome.ok ? reply({ id: request.id, ok: true, results: outcome.results }) : fail(request.id, outcome.error),
  );
};

port.on('message', (request: WriterRequest) => {
  try {
    switch (request.kind) {
      case 'drafts': {
        const sent = parts.get(request.id);
        if (sent) for (const draft of request.drafts) sent.push(draft);
        else parts.set(request.id, request.drafts);
        return;
      }
      case 'append':
        return append(request);
      case 'appends':
        for (const one of request.appends) {
          try {
            append(one);
          } catch (error) {
            fail(one.id, error);
          }
        }
        return;
      case 'checkpoint':
        connected().checkpoint.run(request.name, request.position, request.at);
        return reply({ id: request.id, ok: true, results: [] });
      case 'close':
        connection?.writer.flush();
        if (replies.length > 0) sendReplies();
        connection?.db.close();
        port.close();
        return;
    }
  } catch (error) {
    if (request.kind === 'append' || request.kind === 'checkpoint') fail(request.id, error);
  }
});

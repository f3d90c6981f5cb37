import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../package-root';
import { DraftAppend, sqliteDraftWriter, StoredDrafts } from './draft-writer';
import { groupCommit } from './group-commit';
import { SQLiteTuning } from './schema';
import { storageProblemOf } from './storage-errors';
import { AppendRequest, decodeError, WriterReply, WriterRequest } from './writer-protocol';

/** Where an append's drafts are committed: on this thread, or on the store's writer thread. */
export interface DraftWriter {
  write(appends: readonly DraftAppend[], at: string): Promise<StoredDrafts[]>;
  /** Checkpoint writes take the write lock too, so on a writer thread they go through it. */
  storeCheckpoint?(name: string, position: bigint, at: string): Promise<void>;
  /** Commits what is queued, then lets go of the connection (a writer thread exits). */
  close(): Promise<void>;
}

/** An in-memory store has one connection, so its commits run on the event loop. */
export const inlineDraftWriter = (db: Database): DraftWriter => {
  const writer = groupCommit(sqliteDraftWriter(db));
  return {
    write: (appends, at) =>
      new Promise((resolve, reject) => writer.submit({ appends, at }, (outcome) => (outcome.ok ? resolve(outcome.results) : reject(outcome.error)))),
    close: async () => writer.flush(),
  };
};

/** Drafts per message to the writer thread: copying one message holds a thread for about a millisecond. */
const DRAFTS_PER_MESSAGE = 1_000;

const writerScript = (): string => {
  const beside = join(__dirname, 'sqlite-writer.worker.js');
  if (existsSync(beside)) return beside;
  // Running from the TypeScript sources (ts-jest): the built copy of the same file.
  const built = join(packageRoot(), 'dist', 'src', 'store', 'sqlite', 'sqlite-writer.worker.js');
  if (existsSync(built)) return built;
  throw new Error(`the SQLite writer thread is not built (no ${built}): run npm run build`);
};

interface Waiting {
  resolve(results: StoredDrafts[]): void;
  reject(error: unknown): void;
  answer: Promise<StoredDrafts[]>;
}

/**
 * A file store's writer thread (sqlite-writer.worker.ts), started on the first write. It keeps the
 * process alive only while a write is waiting for its answer, so a CLI that forgets to close the
 * store still exits. A thread that dies fails the writes waiting on it; the next write starts
 * another.
 */
export const threadDraftWriter = (path: string, tuning: SQLiteTuning, script: () => string = writerScript): DraftWriter => {
  let worker: Worker | undefined;
  let nextId = 1;
  /** Each request the thread has not answered yet: how to settle it, and the answer itself (close waits for it). */
  const waiting = new Map<number, Waiting>();
  /** Small appends of this turn, sent together at its end. */
  let outbox: AppendRequest[] = [];
  const sendOutbox = (thread: Worker): void => {
    const appends = outbox;
    outbox = [];
    if (appends.length === 1) thread.postMessage(appends[0] satisfies WriterRequest);
    else thread.postMessage({ kind: 'appends', appends } satisfies WriterRequest);
  };

  const failAll = (error: unknown): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  const start = (): Worker => {
    const thread = new Worker(script(), { workerData: { path, tuning } });
    thread.unref();
    thread.on('message', (replies: WriterReply[]) => {
      for (const reply of replies) {
        const caller = waiting.get(reply.id);
        if (!caller) continue;
        waiting.delete(reply.id);
        if (reply.ok) caller.resolve(reply.results);
        else caller.reject(decodeError(reply.error));
      }
      if (waiting.size === 0) thread.unref();
    });
    thread.on('error', (error) => {
      if (worker === thread) worker = undefined;
      failAll(storageProblemOf(error) ?? new Error(`SQLite writer thread failed: ${error.message}`));
    });
    thread.on('exit', (code) => {
      if (worker === thread) worker = undefined;
      failAll(new Error(`SQLite writer thread exited (code ${code})`));
    });
    return thread;
  };

  /** Sends a request (sync or in parts) and waits for the thread's one answer to it. */
  const request = (send: (thread: Worker, id: number) => Promise<void> | void): Promise<StoredDrafts[]> => {
    const thread = (worker ??= start());
    const id = nextId++;
    let resolve!: Waiting['resolve'];
    let reject!: Waiting['reject'];
    const answer = new Promise<StoredDrafts[]>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    waiting.set(id, { resolve, reject, answer });
    thread.ref();
    Promise.resolve()
      .then(() => send(thread, id))
      .catch((error: unknown) => {
        waiting.get(id)?.reject(error);
        waiting.delete(id);
      });
    return answer;
  };

  return {
    write: (appends, at) =>
      request(async (thread, id) => {
        const drafts = appends.flatMap((append) => append.drafts);
        let sent = 0;
        // A large append goes in parts, the event loop free between them.
        while (drafts.length - sent > DRAFTS_PER_MESSAGE) {
          thread.postMessage({ kind: 'drafts', id, drafts: drafts.slice(sent, (sent += DRAFTS_PER_MESSAGE)) } satisfies WriterRequest);
          await yieldToLoop();
        }
        const streams = appends.map(({ stream, expectedRevision, drafts: own }) => ({ stream, expectedRevision, count: own.length }));
        const request: AppendRequest = { kind: 'append', id, at, streams, drafts: sent === 0 ? drafts : drafts.slice(sent) };
        // Alone (nothing else in flight), an append goes at once: a lone writer waits for no batching.
        if (sent > 0 || (waiting.size === 1 && outbox.length === 0)) return thread.postMessage(request satisfies WriterRequest);
        outbox.push(request);
        if (outbox.length === 1) setImmediate(() => sendOutbox(thread));
      }),
    storeCheckpoint: async (name, position, at) => {
      await request((thread, id) => thread.postMessage({ kind: 'checkpoint', id, name, position, at } satisfies WriterRequest));
    },
    close: async () => {
      await Promise.allSettled([...waiting.values()].map((w) => w.answer));
      const thread = worker;
      if (!thread) return;
      worker = undefined;
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      thread.ref();
      thread.postMessage({ kind: 'close' } satisfies WriterRequest);
      await exited;
    },
  };
};

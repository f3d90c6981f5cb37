import { Observable, Subject, Subscription } from 'rxjs';
import { StoredEvent } from '../../events';
import { ReadAllOptions } from './event-store.port';

export interface LiveTail {
  /** Every event, once, in position order, as soon as the tail sees it committed. */
  readonly events$: Observable<StoredEvent>;
  /** Resolves once the tail knows where it starts: every event committed later will be emitted. */
  ready(): Promise<void>;
  /** Ask the tail to look for new events now (after an in-process commit). */
  poke(): void;
  /**
   * Events this process has just committed, asked for only while someone listens: the tail emits
   * them without reading them back when they continue where it stands, and reads the log when they
   * do not (another process committed in between, or a commit's answer is still on its way).
   */
  committed(events: () => readonly StoredEvent[]): void;
  close(): void;
}

interface LiveTailSource {
  readAll(options: ReadAllOptions): AsyncIterable<StoredEvent>;
  headPosition(): Promise<bigint>;
  /** Fires when another connection or process may have committed (e.g. a data_version poll). */
  externalChanges$: Observable<unknown>;
}

/**
 * One reader per store follows the end of the log and fans new events out to every live subscriber:
 * a commit costs at most one read, however many subscribers there are, and none when this process
 * made it and hands its events over. The external-change source is only subscribed to while someone
 * listens.
 */
export const createLiveTail = (source: LiveTailSource): LiveTail => {
  const subject = new Subject<StoredEvent>();
  let position: bigint | undefined;
  let started: Promise<void> = Promise.resolve();
  let running = false;
  let again = false;
  let listeners = 0;
  let external: Subscription | undefined;
  let poked = false;
  /** Committed here and not emitted yet, in any order. */
  let fed: StoredEvent[] = [];
  /** Whether the log may hold events the fed ones do not cover. */
  let unseen = true;

  /** Emits the fed events that continue the tail; false when a gap is left (the log must be read). */
  const emitFed = (): boolean => {
    const events = fed.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    fed = [];
    for (const event of events) {
      if (event.position <= position!) continue;
      if (event.position !== position! + 1n) return false;
      position = event.position;
      subject.next(event);
    }
    return true;
  };

  const pump = async (): Promise<void> => {
    if (running || position === undefined) {
      again = running;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (fed.length > 0 && !emitFed()) unseen = true;
        if (!unseen) continue;
        unseen = false;
        for await (const event of source.readAll({ fromPosition: position })) {
          position = event.position;
          subject.next(event);
        }
      } while (again);
    } catch (error) {
      subject.error(error);
    } finally {
      running = false;
    }
  };

  // Commits of one turn (a group commit answers each of its callers) share one pump.
  const schedule = (): void => {
    if (listeners === 0 || poked) return;
    poked = true;
    setImmediate(() => {
      poked = false;
      void pump();
    });
  };

  const events$ = new Observable<StoredEvent>((subscriber) => {
    const inner = subject.subscribe(subscriber);
    if (listeners++ === 0) {
      position = undefined;
      fed = [];
      unseen = true;
      started = source.headPosition().then((head) => {
        position = head;
        void pump();
      });
      external = source.externalChanges$.subscribe(() => {
        unseen = true;
        void pump();
      });
    }
    return () => {
      inner.unsubscribe();
      if (--listeners === 0) external?.unsubscribe();
    };
  });

  return {
    events$,
    ready: () => started,
    poke: () => {
      unseen = true;
      schedule();
    },
    committed: (events) => {
      if (listeners === 0) return;
      for (const event of events()) fed.push(event);
      schedule();
    },
    close: () => {
      external?.unsubscribe();
      subject.complete();
    },
  };
};

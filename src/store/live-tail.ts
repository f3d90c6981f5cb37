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
 * a commit costs one read, however many subscribers there are. The external-change source is only
 * subscribed to while someone listens.
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

  const pump = async (): Promise<void> => {
    if (running || position === undefined) {
      again = running;
      return;
    }
    running = true;
    try {
      do {
        again = false;
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

  const events$ = new Observable<StoredEvent>((subscriber) => {
    const inner = subject.subscribe(subscriber);
    if (listeners++ === 0) {
      position = undefined;
      started = source.headPosition().then((head) => {
        position = head;
        void pump();
      });
      external = source.externalChanges$.subscribe(() => void pump());
    }
    return () => {
      inner.unsubscribe();
      if (--listeners === 0) external?.unsubscribe();
    };
  });

  return {
    events$,
    ready: () => started,
    // Pokes of one turn (a group commit answers each of its callers) share one read.
    poke: () => {
      if (listeners === 0 || poked) return;
      poked = true;
      setImmediate(() => {
        poked = false;
        void pump();
      });
    },
    close: () => {
      external?.unsubscribe();
      subject.complete();
    },
  };
};

import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long one slice of a large piece of work may hold the event loop before other requests get a turn. */
const SLICE_MS = 5;

/** Gives the event loop a turn once the slice is over (a promise to wait for), else undefined. */
export type LoopSlice = () => Promise<void> | undefined;

/**
 * For loops over very large inputs (a 100 000-event batch): call the returned function now and then
 * (every few hundred items); once the current slice has run for `sliceMs`, it gives the event loop a
 * turn, so one big request delays the others by a slice, not by its whole run. Measured on the
 * monotonic timer: this schedules work, it says nothing about the domain's time.
 */
export const loopSlices = (sliceMs: number = SLICE_MS): LoopSlice => {
  let started = performance.now();
  // Nothing to wait for (undefined) while the slice lasts: a caller that is not an async function can
  // go on synchronously, and `await` of it costs no promise.
  return () => {
    if (performance.now() - started < sliceMs) return undefined;
    return nextTurn().then(() => {
      started = performance.now();
    });
  };
};

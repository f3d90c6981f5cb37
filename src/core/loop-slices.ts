import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long one slice of a large piece of work may hold the event loop before other requests get a turn. */
export const SLICE_MS = 5;

/**
 * For loops over very large inputs (a 100 000-event batch): call the returned function now and then
 * (every few hundred items); once the current slice has run for `sliceMs`, it gives the event loop a
 * turn, so one big request delays the others by a slice, not by its whole run. Measured on the
 * monotonic timer: this schedules work, it says nothing about the domain's time.
 */
export const loopSlices = (sliceMs: number = SLICE_MS): (() => Promise<void>) => {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < sliceMs) return;
    await nextTurn();
    started = performance.now();
  };
};

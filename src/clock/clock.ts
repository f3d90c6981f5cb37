/** Time comes from here, never from `new Date()` in domain code, so tests can pin "now". */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (iso: string): Clock & { set(iso: string): void; advance(ms: number): void } => {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set: (next: string) => (current = new Date(next)),
    advance: (ms: number) => (current = new Date(current.getTime() + ms)),
  };
};

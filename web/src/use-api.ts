import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/**
 * Loads with `load` whenever a dependency changes (after `delayMs`, so a dragged slider asks only
 * for where it stops); the previous answer stays shown while the next one loads, and an answer that
 * arrives after the dependencies changed again is dropped.
 */
export const useApi = <T,>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: unknown[], delayMs = 0): Loaded<T> => {
  const [state, setState] = useState<Loaded<T>>({ data: null, loading: load !== null, error: null });
  useEffect(() => {
    if (!load) {
      setState({ data: null, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      load(controller.signal).then(
        (data) => {
          if (!controller.signal.aborted) setState({ data, loading: false, error: null });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, deps);
  return state;
};

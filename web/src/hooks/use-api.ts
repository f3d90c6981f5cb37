import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: ApiError | null;
  /** The request the data answers (a previous one while the next is loading or has failed). */
  dataKey: string | null;
  /** The request asked for now. */
  key: string | null;
}

/** The data answers an older request than the one asked for now: shown greyed, labelled. */
export const isStale = (loaded: Loaded<unknown>): boolean => loaded.data !== null && loaded.dataKey !== loaded.key;

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, error instanceof Error ? error.message : String(error));

/**
 * Loads with `load` whenever `key` (what is asked for) or `version` (a refresh) changes, after
 * `delayMs` so a dragged slider asks only for where it stops. The previous answer stays, marked
 * stale by its key, while the next one loads or when it fails; an answer for a request that is no
 * longer the current one is dropped.
 */
export const useApi = <T,>(key: string | null, load: (signal: AbortSignal) => Promise<T>, version: number, delayMs = 0): Loaded<T> => {
  const [state, setState] = useState<Omit<Loaded<T>, 'key'>>({ data: null, loading: key !== null, error: null, dataKey: null });
  useEffect(() => {
    if (key === null) {
      setState((s) => ({ ...s, loading: false, error: null }));
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      load(controller.signal).then(
        (data) => {
          if (!controller.signal.aborted) setState({ data, loading: false, error: null, dataKey: key });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState((s) => ({ ...s, loading: false, error: asApiError(error) }));
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, version]);
  return { ...state, key };
};

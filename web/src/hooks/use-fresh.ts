import { useCallback, useState } from 'preact/hooks';

const FRESH_MS = 20_000;

/** Events that arrived live a moment ago (highlighted for a while). */
export const useFresh = () => {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const markFresh = useCallback((ids: string[]) => {
    setFresh((current) => new Set([...current, ...ids]));
    setTimeout(() => setFresh((current) => new Set([...current].filter((id) => !ids.includes(id)))), FRESH_MS);
  }, []);
  return { fresh, markFresh };
};

import { useCallback, useEffect, useState } from 'preact/hooks';
import { readViewParams, ViewParams, viewSearch } from '../url-state';

const withoutEmpty = (view: ViewParams): ViewParams =>
  Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined && v !== '')) as ViewParams;

/** Changing these makes a new history entry (Back returns to the previous negotiation/issue); the rest replaces it. */
const NAVIGATING: Array<keyof ViewParams> = ['negotiation', 'issue'];

/**
 * The view as the address bar holds it: read (and checked) on load and on Back/Forward, written
 * back on every change, so the address can always be shared.
 */
export const useView = () => {
  const [parsed] = useState(() => readViewParams(window.location.search));
  const [view, setViewState] = useState<ViewParams>(parsed.view);
  const [urlProblems, setUrlProblems] = useState<string[]>(parsed.problems);

  const setView = useCallback((patch: Partial<ViewParams>) => {
    setViewState((current) => {
      const next = withoutEmpty({ ...current, ...patch });
      const search = viewSearch(next);
      if (search !== window.location.search) {
        const url = `${window.location.pathname}${search}${window.location.hash}`;
        if (NAVIGATING.some((key) => key in patch && patch[key] !== current[key])) window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      }
      return next;
    });
  }, []);

  useEffect(() => {
    const onPop = () => {
      const again = readViewParams(window.location.search);
      setViewState(again.view);
      setUrlProblems(again.problems);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const dismissUrlProblems = useCallback(() => setUrlProblems([]), []);
  return { view, setView, urlProblems, dismissUrlProblems };
};

import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ReplayStep } from '../api';

const STEP_MS = 2_400;

/**
 * Stepping through the events one at a time. The step shown is in the address (`step`,
 * 1-based) and the page shows the state right after that event — not the end of its day, so
 * several events on one day are seen one by one.
 */
export const useReplay = (steps: readonly ReplayStep[], stepParam: string | undefined, setStep: (step: string | undefined) => void) => {
  const [playing, setPlaying] = useState(false);
  const requested = stepParam === undefined ? null : Number(stepParam) - 1;
  const index = requested !== null && steps.length > 0 ? Math.min(requested, steps.length - 1) : null;
  const current = index === null ? undefined : steps[index];

  const goTo = useCallback((next: number | null) => setStep(next === null ? undefined : String(next + 1)), [setStep]);
  const stepBy = useCallback(
    (delta: number) => {
      if (steps.length === 0) return;
      goTo(Math.max(0, Math.min(steps.length - 1, (index ?? -1) + delta)));
    },
    [index, steps.length, goTo],
  );

  useEffect(() => {
    if (!playing) return;
    if ((index ?? -1) + 1 >= steps.length) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => stepBy(1), index === null ? 0 : STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, index, steps.length, stepBy]);

  return {
    index,
    current,
    count: steps.length,
    playing,
    play: () => {
      if (index !== null && index >= steps.length - 1) goTo(null);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    step: (delta: number) => {
      setPlaying(false);
      stepBy(delta);
    },
    stop: () => {
      setPlaying(false);
      goTo(null);
    },
  };
};

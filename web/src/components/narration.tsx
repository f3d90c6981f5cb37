import type { ReplayStep } from '../api';
import { narrate } from '../narrate';

/** What the replay step shown changed, in words; sticky while replaying so it stays in view. */
export const Narration = ({ step, index, count, summary }: { step: ReplayStep | undefined; index: number | null; count: number; summary: string | undefined }) => {
  const told = step ? narrate(step, summary) : null;
  return (
    <div class={`narration${told ? ' is-active' : ''}`} aria-live="polite" id="narration">
      {told ? (
        <>
          <p class="narration-step">
            Step {(index ?? 0) + 1} of {count}: <strong>{told.headline}</strong>
          </p>
          <ul>
            {told.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
};

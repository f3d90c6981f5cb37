interface Props {
  playing: boolean;
  index: number | null;
  count: number;
  onPlay: () => void;
  onPause: () => void;
  onStep: (delta: number) => void;
  onStop: () => void;
}

/** Play the issue's events in order (moving the as-of day), or step through them. */
export const ReplayControls = ({ playing, index, count, onPlay, onPause, onStep, onStop }: Props) => (
  <div class="field field-replay" role="group" aria-labelledby="replay-label">
    <span id="replay-label" class="label">
      Replay the issue{index !== null ? ` (${index + 1}/${count})` : ''}
    </span>
    <div class="row">
      <button type="button" class="primary" id="replay" onClick={playing ? onPause : onPlay} disabled={count === 0}>
        {playing ? 'Pause' : index === null || index >= count - 1 ? 'Replay' : 'Resume'}
      </button>
      <button type="button" aria-label="Previous step" onClick={() => onStep(-1)} disabled={count === 0 || index === null || index === 0}>
        ◀
      </button>
      <button type="button" aria-label="Next step" onClick={() => onStep(1)} disabled={count === 0 || index === count - 1}>
        ▶
      </button>
      <button type="button" onClick={onStop} disabled={index === null}>
        Stop
      </button>
    </div>
  </div>
);

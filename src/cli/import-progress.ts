import { Presets, SingleBar } from 'cli-progress';
import { RecordingStage } from '../commands/record-events.command';
import { cli } from './cli-context';

const LARGE = 1_000;

/** A progress bar on stderr for large imports on a terminal; silent otherwise (pipes, CI, small files). */
export const importProgress = (total: number, stream = cli().stderr) => {
  if (!stream.isTTY || total < LARGE) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream, format: '{stage} [{bar}] {value}/{total} events', hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0, { stage: 'validating' });
  return {
    onProgress: (stage: RecordingStage, done: number) => bar.update(done, { stage: stage === 'recording' ? 'recording (one transaction)' : stage }),
    stop: () => bar.stop(),
  };
};

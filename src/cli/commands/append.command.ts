import { CommandBus } from '@nestjs/cqrs';
import { bigintToJson, EventLocation, parseEventsText } from '../../../events';
import { RecordEvents } from '../../commands/record-events.command';
import { withApp, StoreFlags } from '../boot';
import { cli } from '../cli-context';
import { importProgress } from '../import-progress';
import { readInputs } from '../read-input';

export interface AppendFlags extends StoreFlags {
  expectedRevision?: bigint;
}

/** `parley append [FILE…|-]`: every file is parsed and validated before anything is written. */
export const appendCommand = async (files: string[], flags: AppendFlags): Promise<void> => {
  const inputs: unknown[] = [];
  const locations: EventLocation[] = [];
  for (const { name, text } of await readInputs(files)) {
    const parsed = parseEventsText(text, name);
    inputs.push(...parsed.inputs);
    locations.push(...parsed.locations);
  }
  const progress = importProgress(inputs.length);
  const result = await withApp(flags, (app) =>
    app.get(CommandBus).execute(new RecordEvents(inputs, { expectedRevision: flags.expectedRevision, locations, onProgress: progress.onProgress })),
  ).finally(progress.stop);
  cli().stdout.write(
    `${JSON.stringify({
      appended: result.appended,
      duplicates: result.duplicates,
      firstPosition: result.firstPosition === null ? null : bigintToJson(result.firstPosition),
      lastPosition: result.lastPosition === null ? null : bigintToJson(result.lastPosition),
    })}\n`,
  );
};

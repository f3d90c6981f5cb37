import { CommandBus } from '@nestjs/cqrs';
import { RecordEvents } from '../commands/record-events.command';
import { readBundledHistory } from './bundled-history';

/** Records the bundled history; stable ids make a second load a no-op (all duplicates). */
export const loadBundledHistory = async (commandBus: CommandBus): Promise<{ appended: number; duplicates: number }> => {
  let appended = 0;
  let duplicates = 0;
  for (const { events } of readBundledHistory()) {
    const result = await commandBus.execute(new RecordEvents(events.inputs, { locations: events.locations }));
    appended += result.appended;
    duplicates += result.duplicates;
  }
  return { appended, duplicates };
};

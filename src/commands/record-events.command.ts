import { Command } from '@nestjs/cqrs';
import { EventLocation } from '../../events';

export type RecordingStage = 'validating' | 'recording' | 'recorded';

export interface RecordEventsResult {
  appended: number;
  duplicates: number;
  firstPosition: bigint | null;
  lastPosition: bigint | null;
  /** Ids in submission order (assigned where the submitter gave none). */
  ids: string[];
  /** Each submitted event's id and stored position, in submission order (a duplicate: where it was first stored). */
  recorded: { id: string; position: bigint }[];
}

/** Record a batch of submitted events (raw JSON): validated, decided, appended all-or-nothing. */
export class RecordEvents extends Command<RecordEventsResult> {
  constructor(
    readonly inputs: readonly unknown[],
    readonly options: {
      expectedRevision?: bigint;
      locations?: readonly EventLocation[];
      /** Observes long imports: how far validation has got, then when the append starts and ends. */
      onProgress?: (stage: RecordingStage, done: number, total: number) => void;
    } = {},
  ) {
    super();
  }
}

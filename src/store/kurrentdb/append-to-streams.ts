import { AppendOptions, AppendResult, EventStore, StreamAppend } from '../event-store.port';
import { MultiStreamAppendUnsupportedError } from '../errors';
import { ParleyEvent } from '../../../events';

type SingleAppend = (stream: string, events: readonly ParleyEvent[], options?: AppendOptions) => Promise<AppendResult>;

/**
 * KurrentDB has no transaction across streams, so the port's multi-stream append takes one stream
 * and refuses more, naming the negotiations, before anything is sent: a batch is never half-written.
 */
export const kurrentAppendToStreams = (append: SingleAppend): Pick<EventStore, 'multiStreamAppend' | 'appendToStreams'> => ({
  multiStreamAppend: 'single-stream',
  appendToStreams: async (appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
    if (appends.length > 1) {
      const negotiations = [...new Set(appends.map(({ stream, events }) => events[0]?.negotiation ?? stream))];
      throw new MultiStreamAppendUnsupportedError(negotiations, 'KurrentDB');
    }
    return Promise.all(appends.map(({ stream, events, expectedRevision }) => append(stream, events, { expectedRevision })));
  },
});

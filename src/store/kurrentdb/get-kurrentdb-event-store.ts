import { Clock } from '../../clock/clock';
import { EventStore } from '../event-store.port';

export interface KurrentDBEventStoreOptions {
  connectionString: string;
  clock: Clock;
}

export const getKurrentDBEventStore = (options: KurrentDBEventStoreOptions): EventStore => {
  throw new Error(`the KurrentDB adapter is not available yet (asked for ${options.connectionString})`);
};

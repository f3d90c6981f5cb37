import { Clock } from '../clock/clock';
import { EventStore } from './event-store.port';
import { isPostgresLocation } from './postgres/connection';
import { getSQLiteEventStore } from './sqlite/get-sqlite-event-store';

const isKurrentDB = (location: string): boolean => /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb):\/\//.test(location);

/** The one place where configuration picks an adapter. */
export const createEventStore = async (location: string, clock: Clock): Promise<EventStore> => {
  if (isKurrentDB(location)) {
    const { getKurrentDBEventStore } = await import('./kurrentdb/get-kurrentdb-event-store');
    return getKurrentDBEventStore({ connectionString: location, clock });
  }
  if (isPostgresLocation(location)) {
    const { getPostgresEventStore } = await import('./postgres/get-postgres-event-store');
    return getPostgresEventStore({ connectionString: location, clock });
  }
  return getSQLiteEventStore({ path: location, clock });
};

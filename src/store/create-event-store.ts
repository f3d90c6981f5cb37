import { Clock } from '../clock/clock';
import { EventStore } from './event-store.port';
import { getSQLiteEventStore } from './sqlite/get-sqlite-event-store';
import { storeKindOf } from './store-location';

/** The one place where configuration picks an adapter (which one a location names: storeKindOf). */
export const createEventStore = async (location: string, clock: Clock): Promise<EventStore> => {
  switch (storeKindOf(location)) {
    case 'kurrentdb': {
      const { getKurrentDBEventStore } = await import('./kurrentdb/get-kurrentdb-event-store');
      return getKurrentDBEventStore({ connectionString: location, clock });
    }
    case 'postgres': {
      const { getPostgresEventStore } = await import('./postgres/get-postgres-event-store');
      return getPostgresEventStore({ connectionString: location, clock });
    }
    case 'sqlite':
      return getSQLiteEventStore({ path: location, clock });
  }
};

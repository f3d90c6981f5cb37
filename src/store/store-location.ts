import { InvalidInputError } from '../errors/invalid-input.error';

/** Which adapter a store location selects. */
export type StoreKind = 'sqlite' | 'kurrentdb' | 'postgres';

/**
 * KurrentDB's spellings and the client scheme each stands for. `kurrentdb://` and `kdb://` are
 * Parley's aliases; `+discover` asks the client for cluster discovery (gossip).
 */
export const KURRENTDB_SCHEMES: Readonly<Record<string, 'esdb' | 'esdb+discover'>> = {
  esdb: 'esdb',
  'esdb+discover': 'esdb+discover',
  kurrentdb: 'esdb',
  'kurrentdb+discover': 'esdb+discover',
  kdb: 'esdb',
  'kdb+discover': 'esdb+discover',
};

/** Every URL scheme a store location may have, and the adapter it selects. Add an adapter's schemes here. */
const SCHEMES: Readonly<Record<string, StoreKind>> = {
  ...Object.fromEntries(Object.keys(KURRENTDB_SCHEMES).map((scheme) => [scheme, 'kurrentdb'])),
  postgres: 'postgres',
  postgresql: 'postgres',
};

/** The URL scheme of a location (lower case), or undefined for a plain path. */
export const schemeOf = (location: string): string | undefined => /^([a-z][a-z0-9+.-]*):\/\//i.exec(location.trim())?.[1].toLowerCase();

/**
 * The one decision "what does this location name": a path (or ':memory:') is an embedded SQLite
 * file; a URL names a server by its scheme. A URL with a scheme no adapter knows is refused rather
 * than opened as an oddly named file.
 */
export const storeKindOf = (location: string): StoreKind => {
  const scheme = schemeOf(location);
  if (scheme === undefined) return 'sqlite';
  const kind = SCHEMES[scheme];
  if (kind) return kind;
  throw new InvalidInputError([
    { field: 'store', message: `unknown store scheme "${scheme}://"; expected a file path or a connection string (${Object.keys(SCHEMES).map((s) => `${s}://`).join(', ')})` },
  ]);
};

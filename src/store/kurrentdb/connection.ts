import { KURRENTDB_SCHEMES } from '../store-location';

/**
 * What a KurrentDB location says: the client's connection string (esdb:// or esdb+discover://) and
 * Parley's own namespace. `kurrentdb://`, `kurrentdb+discover://` and `kdb://` are accepted as
 * spellings of the same thing; `parleyNamespace=<ns>` is Parley's, stripped before the client sees it.
 * `throwOnAppendFailure` is dropped too: the adapter relies on the client throwing
 * WrongExpectedVersionError (its non-throwing batch-append path misreports the actual revision).
 */
export interface KurrentDBLocation {
  connectionString: string;
  namespace?: string;
}

export const NAMESPACE_PARAMETER = 'parleyNamespace';

export const parseKurrentDBLocation = (location: string): KurrentDBLocation => {
  const match = /^([a-z+]+):\/\/(.*)$/i.exec(location.trim());
  const scheme = match && KURRENTDB_SCHEMES[match[1].toLowerCase()];
  if (!match || !scheme) throw new Error(`not a KurrentDB connection string (esdb://… or esdb+discover://…): ${location}`);
  const [rest, query = ''] = splitOnce(match[2], '?');
  let namespace: string | undefined;
  const kept = query
    .split('&')
    .filter((pair) => pair.length > 0)
    .filter((pair) => {
      const [key, value = ''] = splitOnce(pair, '=');
      if (key.toLowerCase() === 'throwonappendfailure') return false;
      if (key.toLowerCase() !== NAMESPACE_PARAMETER.toLowerCase()) return true;
      namespace = decodeURIComponent(value);
      return false;
    });
  const connectionString = `${scheme}://${rest}${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
  return namespace === undefined ? { connectionString } : { connectionString, namespace };
};

const splitOnce = (text: string, separator: string): [string, string?] => {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
};

import { bigintToJson } from '../../events';

/** JSON for the wire: bigint positions become numbers while exact (strings beyond 2^53). */
export const jsonReplacer = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? bigintToJson(value) : value);

/** Most answers (IssueState, tariffs…) hold no bigint: those take the replacer-free fast path. */
export const toJson = (value: unknown): string => {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, jsonReplacer);
  }
};

export const toJsonValue = (value: unknown): unknown => (value === undefined ? null : JSON.parse(toJson(value)));

/**
 * Transaction time: what Parley had recorded at a moment. A bare day (YYYY-MM-DD) means the whole
 * of that day (UTC); an instant compares as an ISO string.
 */
export const knownAtBound = (knownAt: string): string => (knownAt.length === 10 ? `${knownAt}T\uffff` : knownAt);

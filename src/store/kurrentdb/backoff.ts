/** Reconnect delay after the n-th failure in a row: doubling from `firstMs`, at most 5 s. */
export const backoffMs = (firstMs: number, failures: number): number => Math.min(firstMs * 2 ** Math.min(failures - 1, 5), 5_000);

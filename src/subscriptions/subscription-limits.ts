/**
 * Tunables of the live streams, read from the environment when the module starts (so tests and
 * operators can shorten them without code): heartbeats, the per-subscriber buffer, checkpointing.
 */
export interface SubscriptionLimits {
  /** A `: heartbeat` comment this often keeps proxies from closing idle streams. */
  heartbeatMs: number;
  /** Live events a subscriber may have waiting for its socket before it is disconnected. */
  maxQueuedEvents: number;
  /** The same bound in bytes of framed messages. */
  maxQueuedBytes: number;
  /** Named subscriptions store their checkpoint at most this often (and always on close). */
  checkpointEveryMs: number;
  /** After the final message of a cut-off stream, how long its socket may take to flush before it is destroyed. */
  closeGraceMs: number;
  /** On server shutdown, the same grace (kept short so the process exits promptly). */
  shutdownGraceMs: number;
  /** How often the issue-state stream looks whether "today" (its default asOf) has changed. */
  dayCheckMs: number;
}

export const SUBSCRIPTION_LIMITS = Symbol('SubscriptionLimits');

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  heartbeatMs: 15_000,
  maxQueuedEvents: 10_000,
  maxQueuedBytes: 16 * 1024 * 1024,
  checkpointEveryMs: 100,
  closeGraceMs: 10_000,
  shutdownGraceMs: 1_000,
  dayCheckMs: 60_000,
};

const ENV: Record<keyof SubscriptionLimits, string> = {
  heartbeatMs: 'PARLEY_SSE_HEARTBEAT_MS',
  maxQueuedEvents: 'PARLEY_SSE_MAX_QUEUED_EVENTS',
  maxQueuedBytes: 'PARLEY_SSE_MAX_QUEUED_BYTES',
  checkpointEveryMs: 'PARLEY_SSE_CHECKPOINT_MS',
  closeGraceMs: 'PARLEY_SSE_CLOSE_GRACE_MS',
  shutdownGraceMs: 'PARLEY_SSE_SHUTDOWN_GRACE_MS',
  dayCheckMs: 'PARLEY_SSE_DAY_CHECK_MS',
};

export const subscriptionLimitsFromEnv = (env: NodeJS.ProcessEnv = process.env): SubscriptionLimits => {
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS };
  for (const key of Object.keys(ENV) as (keyof SubscriptionLimits)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${ENV[key]} must be a positive integer, got "${raw}"`);
    limits[key] = value;
  }
  return limits;
};

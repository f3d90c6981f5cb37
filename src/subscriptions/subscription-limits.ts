import type { ParleyConfig } from '../config/parley-config';

/** The live streams' tunables: part of the configuration (PARLEY_SSE_* variables), injected on their own. */
export type SubscriptionLimits = ParleyConfig['subscriptions'];

export const SUBSCRIPTION_LIMITS = Symbol('SubscriptionLimits');

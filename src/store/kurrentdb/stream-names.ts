import { createHash } from 'node:crypto';
import { streamOf } from '../../../events';

const NEGOTIATION = 'negotiation-';

/**
 * How the port's stream names map onto KurrentDB streams. Everything Parley writes sits under a
 * namespace (default none), so several deployments or test runs can share one cluster:
 *   negotiation-<slug>  →  <namespace>negotiation-<slug>        (the events, one stream per negotiation)
 *   checkpoint <name>   →  <namespace>parley-checkpoint-<name>   (a subscriber's bookmarks, never events)
 *   claim of id <id>    →  <namespace>parley-id-<base64url(sha256(id))>  (who recorded an id first; fixed length, no `$`)
 */
export interface StreamNames {
  readonly namespace: string;
  /** The prefix every event stream of this namespace starts with (what subscriptions filter on). */
  readonly eventStreamPrefix: string;
  toKurrent(stream: string): string;
  checkpointStream(name: string): string;
  claimStream(parleyId: string): string;
  /** True for a KurrentDB stream holding this namespace's events of `negotiation`. */
  holds(streamId: string, negotiation: string): boolean;
  isEventStream(streamId: string): boolean;
}

export const streamNames = (namespace = ''): StreamNames => {
  if (namespace.startsWith('$')) throw new Error(`a Parley namespace cannot start with "$" (system streams): ${namespace}`);
  const eventStreamPrefix = `${namespace}${NEGOTIATION}`;
  return {
    namespace,
    eventStreamPrefix,
    toKurrent: (stream) => {
      if (!stream.startsWith(NEGOTIATION)) throw new Error(`not a negotiation stream: ${stream}`);
      return `${namespace}${stream}`;
    },
    checkpointStream: (name) => `${namespace}parley-checkpoint-${name}`,
    claimStream: (parleyId) => `${namespace}parley-id-${createHash('sha256').update(parleyId).digest('base64url')}`,
    holds: (streamId, negotiation) => streamId === `${namespace}${streamOf(negotiation)}`,
    isEventStream: (streamId) => streamId.startsWith(eventStreamPrefix),
  };
};

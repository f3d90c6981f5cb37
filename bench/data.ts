import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { ParleyEvent, streamOf, validateEvent } from '../events';

/**
 * Realistic benchmark events: envelopes of the catalog (negotiation, issue, party, partial dates,
 * a sourced quote) of ~300 bytes of JSON, deterministic for a seed, so Parley and every baseline
 * append and read exactly the same data.
 */

/** Small fast PRNG (mulberry32): same seed, same events. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
};

const PARTIES = ['US', 'MX', 'CA', 'CN', 'JP', 'DE', 'GB', 'KR', 'BR', 'IN', 'EU'] as const;
const PUBLISHERS = ['Reuters', 'Associated Press', 'Financial Times', 'Bloomberg', 'Politico'] as const;
const ISSUES: readonly { issue: string; metric: string; unit: string; lo: number; hi: number }[] = [
  { issue: 'auto-rules-of-origin', metric: 'regional_value_content', unit: 'percent', lo: 60, hi: 85 },
  { issue: 'auto-rules-of-origin', metric: 'labor_value_content', unit: 'percent', lo: 20, hi: 45 },
  { issue: 'sunset-clause', metric: 'review_period_years', unit: 'years', lo: 3, hi: 16 },
  { issue: 'steel-aluminum-tariffs', metric: 'tariff_rate', unit: 'percent', lo: 0, hi: 50 },
  { issue: 'auto-tariffs', metric: 'tariff_rate', unit: 'percent', lo: 0, hi: 25 },
  { issue: 'electronics-rules-of-origin', metric: 'regional_value_content', unit: 'percent', lo: 40, hi: 75 },
  { issue: 'usmca-review', metric: 'term_years', unit: 'years', lo: 6, hi: 16 },
];
const QUOTES = [
  'the proposal is a starting point',
  'the figure is unworkable',
  'the gap narrowed but did not close',
  'it would phase in over four years',
];

export const negotiationName = (n: number): string => `bench-talks-${n}`;

export interface DataOptions {
  seed?: number;
  /** How many negotiations (streams) the events spread over. */
  negotiations?: number;
  /** Time-ordered ids (uuid v7, what the command layer assigns) or random ones (v4). */
  ids?: 'v7' | 'v4';
  /** Put every event in this negotiation/issue instead (scenario 4's hot issue). */
  only?: { negotiation: string; issue: string };
}

/** A deterministic stream of realistic events, generated lazily (1 000 000 of them never sit in memory at once). */
export function* generateEvents(count: number, options: DataOptions = {}): Generator<ParleyEvent> {
  const random = prng(options.seed ?? 42);
  const negotiations = options.negotiations ?? 50;
  const newId = options.ids === 'v4' ? uuidv4 : uuidv7;
  for (let i = 0; i < count; i++) {
    const topic = random.pick(ISSUES);
    const negotiation = options.only?.negotiation ?? negotiationName(random.int(negotiations));
    const year = 2017 + random.int(9);
    const month = String(1 + random.int(12)).padStart(2, '0');
    const day = String(1 + random.int(28)).padStart(2, '0');
    const occurredAt = random.next() < 0.8 ? `${year}-${month}-${day}` : `${year}-${month}`;
    const value = topic.lo + random.int(topic.hi - topic.lo + 1);
    const source = { publisher: random.pick(PUBLISHERS), quote: random.pick(QUOTES) };
    const kind = random.next();
    const base = {
      id: newId(),
      negotiation,
      issue: options.only?.issue ?? topic.issue,
      party: random.pick(PARTIES),
      occurredAt,
      source,
      confidence: random.next() < 0.5 ? 'reported' : 'confirmed',
    };
    const terms = [{ metric: topic.metric, value, unit: topic.unit }];
    const event =
      kind < 0.45
        ? { ...base, type: 'OfferMade', data: { terms } }
        : kind < 0.7
          ? { ...base, type: 'DemandTabled', data: { terms } }
          : kind < 0.85
            ? { ...base, type: 'PositionWithdrawn', data: { metrics: [topic.metric] } }
            : { ...base, type: 'StatementIssued', data: { speaker: `${base.party} trade envoy`, quote: random.pick(QUOTES) } };
    yield event as unknown as ParleyEvent;
  }
}

export const makeEvents = (count: number, options: DataOptions = {}): ParleyEvent[] => [...generateEvents(count, options)];

/** Consecutive runs of `size` events of one stream each (a batch appends to one negotiation's stream). */
export function* batchesOf(events: Iterable<ParleyEvent>, size: number): Generator<{ stream: string; events: ParleyEvent[] }> {
  const open = new Map<string, ParleyEvent[]>();
  for (const event of events) {
    let batch = open.get(event.negotiation);
    if (!batch) open.set(event.negotiation, (batch = []));
    batch.push(event);
    if (batch.length === size) {
      open.delete(event.negotiation);
      yield { stream: streamOf(event.negotiation), events: batch };
    }
  }
  for (const [negotiation, batch] of open) yield { stream: streamOf(negotiation), events: batch };
}

/** Honesty check: the generated events are valid catalog events, and ~300 bytes of JSON. */
export const checkData = (): { meanBytes: number } => {
  const sample = makeEvents(500, { seed: 7 });
  let bytes = 0;
  for (const event of sample) {
    const { problems } = validateEvent(event);
    if (problems.length > 0) throw new Error(`benchmark data is not valid: ${JSON.stringify(problems)}`);
    bytes += JSON.stringify(event).length;
  }
  return { meanBytes: Math.round(bytes / sample.length) };
};

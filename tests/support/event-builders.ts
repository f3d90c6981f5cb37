import { randomUUID } from 'node:crypto';
import { ParleyEvent, validateEvent } from '../../events';

/** Builds a valid event of the catalog, overriding whatever a test cares about. */
export const anEvent = (overrides: Record<string, unknown> = {}): ParleyEvent => {
  const raw = {
    id: randomUUID(),
    type: 'OfferMade',
    negotiation: 'nafta-renegotiation',
    issue: 'auto-rules-of-origin',
    party: 'MX',
    occurredAt: '2018-05-24',
    confidence: 'reported',
    data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }] },
    ...overrides,
  };
  const { event, problems } = validateEvent(raw);
  if (!event) throw new Error(`test event is invalid: ${JSON.stringify(problems)}`);
  return event as ParleyEvent;
};

export const events = (count: number, overrides: (i: number) => Record<string, unknown> = () => ({})): ParleyEvent[] =>
  Array.from({ length: count }, (_, i) => anEvent(overrides(i)));

export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

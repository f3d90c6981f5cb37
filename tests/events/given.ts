/** A valid OfferMade as submitted on the wire (no id, confidence defaulted), overriding what a test cares about. */
export const offerInput = (overrides: Record<string, unknown> = {}) => ({
  type: 'OfferMade',
  negotiation: 'nafta-renegotiation',
  issue: 'auto-rules-of-origin',
  party: 'MX',
  occurredAt: '2018-05-24',
  data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }] },
  ...overrides,
});

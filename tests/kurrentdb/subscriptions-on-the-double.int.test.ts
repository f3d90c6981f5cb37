import { streamOf } from '../../events';
import { getKurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { serverFilterFor } from '../../src/store/kurrentdb/server-filter';
import { streamNames } from '../../src/store/kurrentdb/stream-names';
import { waitFor } from '../conformance/event-store.conformance';
import { events } from '../support/event-builders';
import { startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

describe('server-side filters', () => {
  const names = streamNames('acme-');
  it('given no filter, a type filter or a negotiation, then the server filters on the namespace prefix, the types or that one stream', () => {
    expect(serverFilterFor(names, undefined)).toEqual({ on: 'stream', prefixes: ['acme-negotiation-'] });
    expect(serverFilterFor(names, { party: 'US' })).toEqual({ on: 'stream', prefixes: ['acme-negotiation-'] });
    expect(serverFilterFor(names, { types: ['OfferMade', 'DemandTabled'] })).toEqual({ on: 'type', regex: '^(?:OfferMade|DemandTabled)$' });
    expect(serverFilterFor(names, { negotiation: 'nafta-renegotiation', types: ['OfferMade'] })).toEqual({ on: 'stream', regex: '^acme-negotiation-nafta-renegotiation$' });
    expect(new RegExp((serverFilterFor(streamNames('a.b+'), { negotiation: 'x' }) as { regex: string }).regex).test('a.b+negotiation-x')).toBe(true);
  });
});

describe('given subscriptions on the in-process KurrentDB', () => {
  it('when a subscriber unsubscribes and the store closes, then the server stops serving their gRPC streams', async () => {
    const db = await startInProcessKurrentDB();
    const store = getKurrentDBEventStore({ connectionString: db.connectionString });
    try {
      await store.append(streamOf('nafta-renegotiation'), events(2));
      const baseline = db.activeSubscriptions; // the id index's own subscription
      expect(baseline).toBe(1);
      let caughtUp = false;
      const running = store.subscribe({ fromPosition: 0n, filter: { types: ['OfferMade'] } }).subscribe((m) => (caughtUp ||= m.kind === 'caught-up'));
      await waitFor(() => caughtUp);
      expect(db.activeSubscriptions).toBe(baseline + 1);
      running.unsubscribe();
      await waitFor(() => db.activeSubscriptions === baseline);
      await store.close();
      await waitFor(() => db.activeSubscriptions === 0);
    } finally {
      await db.stop();
    }
  });
});

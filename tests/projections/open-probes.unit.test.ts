import { openProbes } from '../../projections';
import { anEvent } from '../support/event-builders';
import { specification } from '../support/given-when-then';
import { known } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const launch = (id: string, occurredAt: string, negotiation = 'nafta-renegotiation') =>
  anEvent({ id, type: 'ProbeLaunched', negotiation, issue: 'auto-tariffs', party: 'US', occurredAt, data: { authority: 'Section 232', subject: `probe ${id}`, targets: ['*'] } });
const conclude = (id: string, probe: string, occurredAt: string, negotiation = 'nafta-renegotiation') =>
  anEvent({ id, type: 'ProbeConcluded', negotiation, party: 'US', occurredAt, data: { probe, finding: 'a threat to national security' } });
const open = (id: string, since: string, negotiation = 'nafta-renegotiation') =>
  ({ eventId: id, negotiation, party: 'US', authority: 'Section 232', subject: `probe ${id}`, since });

/** Given these events (known at KNOWN_AT), when asked as of a day, then these probes are open. */
const given = specification((events: Parameters<typeof known>[0], asOf: string) => openProbes(known(events), { asOf, knownAt: KNOWN_AT }).open.map((p) => p.eventId));

describe('openProbes', () => {
  it('given a launch and its conclusion, when asked the day before and the day the conclusion counts, then the probe is open, then not', () => {
    const history = [launch('autos', '2018-05-23'), conclude('autos-done', 'autos', '2019-02-17')];
    given(history).when('2019-02-16').then(['autos']);
    given(history).when('2019-02-17').then([]);
  });

  const events = known([
    launch('autos', '2018-05-23'),
    launch('uranium', '2018'),
    launch('steel', '2017-04-20', 'steel-talks'),
    conclude('autos-done', 'autos', '2019-02-17'),
    conclude('steel-done', 'steel', '2018-01', 'other-talks'),
  ]);
  const at = (asOf: string, negotiation?: string) => openProbes(events, { asOf, knownAt: KNOWN_AT, ...(negotiation ? { negotiation } : {}) });

  it('has no probe before its launch counts, and lists it from then', () => {
    // then
    expect(at('2018-05-22', 'nafta-renegotiation')).toEqual({ asOf: '2018-05-22', knownAt: KNOWN_AT, open: [] });
    expect(at('2018-05-23', 'nafta-renegotiation').open).toEqual([open('autos', '2018-05-23')]);
  });

  it('drops a probe once its conclusion counts, wherever the conclusion was recorded', () => {
    // then
    expect(at('2018-01-30').open.map((p) => p.eventId)).toEqual(['steel']);
    expect(at('2018-01-31').open.map((p) => p.eventId)).toEqual([]);
    expect(at('2017-12-31').open).toEqual([open('steel', '2017-04-20', 'steel-talks')]);
    expect(at('2019-02-16', 'nafta-renegotiation').open.map((p) => p.eventId)).toEqual(['autos', 'uranium']);
    expect(at('2019-02-17', 'nafta-renegotiation').open.map((p) => p.eventId)).toEqual(['uranium']);
  });

  it('sorts by the day each launch counts from (a year-dated one last), then by id', () => {
    // given
    const more = known([launch('b', '2018-12-31'), launch('year', '2018'), launch('a', '2018-12-31'), launch('may', '2018-05-01')]);
    // then
    expect(openProbes(more, { asOf: '2018-12-31', knownAt: KNOWN_AT }).open.map((p) => p.eventId)).toEqual(['may', 'a', 'b', 'year']);
  });
});

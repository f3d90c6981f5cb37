import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../src/clock/clock';
import { runParley } from './support/run-cli';

const RECORDED = '2026-01-05T09:00:00.000Z';
const BEFORE_CORRECTION = '2026-01-05T09:30:00.000Z';
const CORRECTED = '2026-01-05T10:00:00.000Z';

const ev = (id: string, type: string, occurredAt: string, rest: Record<string, unknown>) => ({ id, type, negotiation: 'talks', occurredAt, ...rest });
const rvc = (value: number) => ({ terms: [{ metric: 'regional_value_content', value, unit: 'percent' }] });

const HISTORY = [
  ev('us-85', 'DemandTabled', '2017-10', { issue: 'autos', party: 'US', data: rvc(85) }),
  ev('mx-70', 'CounterofferMade', '2017-11-15', { issue: 'autos', party: 'MX', data: { ...rvc(70), respondsTo: 'us-85' } }),
  ev('us-75', 'OfferMade', '2018-05-24', { issue: 'autos', party: 'US', data: rvc(75) }),
  ev('sunset', 'DemandTabled', '2017-10-12', { issue: 'sunset-clause', party: 'US', data: { terms: [{ metric: 'review_period_years', value: 5, unit: 'years' }] } }),
  ev('steel', 'TariffImposed', '2018-03-08', { party: 'US', data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['*'], effectiveOn: '2018-03-23' } }),
  ev('steel-mx-exempt', 'ExemptionGranted', '2018-03-22', { party: 'US', data: { measure: 'Section 232', product: 'steel', beneficiaries: ['MX'], until: '2018-06-01' } }),
  ev('steel-lift-mx', 'TariffLifted', '2019-05-17', { party: 'US', data: { measure: 'Section 232', product: 'steel', targets: ['MX'], effectiveOn: '2019-05-20' } }),
];

describe('CLI queries against a file store', () => {
  let dir: string;
  let db: string;
  const clock = fixedClock(RECORDED);
  const parley = async (args: string[], input?: string) => {
    const result = await runParley([...args, '--db', db], { input, clock });
    if (result.status !== 0) throw new Error(`parley ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const json = async (args: string[]) => JSON.parse(await parley([...args, '--json']));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-cli-q-'));
    db = join(dir, 'parley.db');
    await parley(['append', '-'], HISTORY.map((e) => JSON.stringify(e)).join('\n'));
    clock.set(CORRECTED);
    await parley(['append', '-'], JSON.stringify(ev('fix-mx', 'EventCorrected', '2018-06-01', {
      data: { corrects: 'mx-70', replacement: { type: 'CounterofferMade', negotiation: 'talks', issue: 'autos', party: 'MX', occurredAt: '2017-11-15', data: { ...rvc(72), respondsTo: 'us-85' } } },
    })));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given month precision, when asked within and after the month, then the US demand counts only from the month end', async () => {
    expect((await json(['state', 'autos', '--as-of', '2017-10-30'])).status).toBe('not_raised');
    expect((await json(['state', 'autos', '--as-of', '2017-10-31'])).positions).toEqual({
      US: {
        regional_value_content: {
          value: 85, unit: 'percent', since: '2017-10', eventId: 'us-85', eventType: 'DemandTabled',
          // issue 11: every answered position carries its provenance and window
          metric: 'regional_value_content', confidence: 'reported', window: { from: '2017-10-01', to: '2017-10-31' },
          source: { publisher: null, title: null, url: null, document: null, quote: null, publishedAt: null },
        },
      },
    });
  });

  it('given a correction, when asked known at before and after it, then the original and the corrected value show', async () => {
    const before = await json(['state', 'autos', '--as-of', '2018-01-01', '--known-at', BEFORE_CORRECTION]);
    expect(before.positions.MX.regional_value_content.value).toBe(70);
    expect(before.gaps.regional_value_content).toEqual({ unit: 'percent', min: 70, max: 85, spread: 15, low: ['MX'], high: ['US'] });
    const now = await json(['state', 'autos', '--as-of', '2018-01-01']);
    expect(now.positions.MX.regional_value_content.value).toBe(72);
    expect(now.gaps.regional_value_content.spread).toBe(13);
    expect(now).toMatchObject({ negotiation: 'talks', issue: 'autos', asOf: '2018-01-01', status: 'open', agreed: null, eventCount: 2, lastEventAt: '2017-11-15' });
  });

  it('given two dates, when diffed, then the US move from 85 to 75 is the change', async () => {
    const diff = await json(['diff', 'autos', '--from', '2018-01-01', '--to', '2018-06-01']);
    expect(diff.changes).toEqual([
      expect.objectContaining({ party: 'US', metric: 'regional_value_content', change: 'changed', before: expect.objectContaining({ value: 85 }), after: expect.objectContaining({ value: 75 }) }),
    ]);
    expect(await parley(['diff', 'autos', '--from', '2018-01-01', '--to', '2018-06-01'])).toMatch(/US regional_value_content: 85 percent → 75 percent/);
  });

  it('given a * tariff, an exemption and a lifting, when tariffs are asked at several dates, then each answer is exact', async () => {
    expect((await json(['tariffs', '--as-of', '2018-03-22'])).inForce).toEqual([]);
    expect((await json(['tariffs', '--as-of', '2018-03-10'])).announced).toHaveLength(1);
    const exempt = (await json(['tariffs', '--as-of', '2018-04-01', '--target', 'MX'])).inForce;
    expect(exempt).toEqual([expect.objectContaining({ target: '*', since: '2018-03-23', exemption: { until: '2018-06-01', eventId: 'steel-mx-exempt' } })]);
    const afterExemption = (await json(['tariffs', '--as-of', '2018-06-01', '--target', 'MX'])).inForce;
    expect(afterExemption).toEqual([expect.objectContaining({ target: '*', exemption: null, rate: { value: 25, unit: 'percent' } })]);
    expect((await json(['tariffs', '--as-of', '2019-05-20', '--target', 'MX'])).inForce).toEqual([]);
    expect((await json(['tariffs', '--as-of', '2019-05-20', '--target', 'CA'])).inForce).toHaveLength(1);
  });

  it('given the readable output, then state prints a table per party and the gaps', async () => {
    const text = await parley(['state', 'autos', '--as-of', '2018-06-01']);
    expect(text).toMatch(/US:\n.*metric.*position.*since/);
    expect(text).toMatch(/regional_value_content\s+72 percent \(MX\)\s+75 percent \(US\)\s+3 percent/);
  });

  it('given an unknown issue, then the error lists the issues that exist', async () => {
    const result = await runParley(['state', 'autoz', '--db', db]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/unknown issue "autoz"; known: autos, sunset-clause/);
  });
});

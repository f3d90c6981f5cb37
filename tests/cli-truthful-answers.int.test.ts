import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../src/clock/clock';
import { runParley } from './support/run-cli';

const ev = (id: string, type: string, occurredAt: string, rest: Record<string, unknown>) => ({ id, type, negotiation: 'talks', occurredAt, ...rest });
const rvc = (value: number, scope: string, extra: Record<string, unknown> = {}) => ({ metric: 'regional_value_content', value, unit: 'percent', scope, ...extra });
const SOURCE = { publisher: 'Reuters', document: '000.txt', quote: 'the United States wants 75 percent', publishedAt: '2018-05-24' };

const HISTORY = [
  ev('launch', 'NegotiationLaunched', '2017-08-16', { party: 'US', confidence: 'confirmed', data: { title: 'Talks', parties: ['US', 'MX'] } }),
  ev('us-75', 'DemandTabled', '2018-05', { issue: 'autos', party: 'US', source: SOURCE,
    data: { terms: [rvc(75, 'high-value-parts', { text: '75 percent for high-value parts' })] } }),
  ev('mx-70', 'OfferMade', '2018-05-24', { issue: 'autos', party: 'MX', confidence: 'confirmed', data: { terms: [rvc(70, 'whole-vehicle', { note: 'of overall content' })] } }),
  ev('pundit', 'StatementIssued', '2018-05-25', { party: 'some-think-tank', confidence: 'unconfirmed', data: { speaker: 'A fellow', quote: 'they are far apart' } }),
  ev('deal', 'AgreementReached', '2018-09-30', { issue: 'autos', confidence: 'confirmed', data: { parties: ['US', 'MX'], terms: [rvc(75, 'whole-vehicle', {
    schedule: [{ from: '2020-07-01', value: 66 }, { from: '2021-07-01', value: 69 }, { from: '2023-07-01', value: 75 }],
  })] } }),
  ev('probe', 'ProbeLaunched', '2018', { issue: 'auto-tariffs', party: 'US', data: { authority: 'Section 232', subject: 'car imports' } }),
];

describe('CLI: truthful answers', () => {
  let dir: string;
  let db: string;
  const clock = fixedClock('2026-01-05T09:00:00.000Z');
  const run = (args: string[], input?: string) => runParley([...args, '--db', db], { input, clock });
  const parley = async (args: string[], input?: string) => {
    const result = await run(args, input);
    if (result.status !== 0) throw new Error(`parley ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-cli-truth-'));
    db = join(dir, 'parley.db');
    await parley(['append', '-'], HISTORY.map((e) => JSON.stringify(e)).join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given scoped terms of different confidence, when state is printed, then each key shows its wording, the reported value is marked and no gap compares them', async () => {
    const text = await parley(['state', 'autos', '--as-of', '2018-05-25']);
    expect(text).toMatch(/regional_value_content@high-value-parts\s+75 percent \[reported\]\s+2018-05\s+DemandTabled\s+Reuters, 000.txt/);
    expect(text).toMatch(/ {2}regional_value_content@high-value-parts: 75 percent for high-value parts\n/);
    expect(text).toMatch(/regional_value_content@whole-vehicle\s+70 percent\s+2018-05-24/);
    expect(text).toMatch(/ {2}regional_value_content@whole-vehicle: of overall content\n/);
    expect(text).not.toMatch(/Gaps/);
  });

  it('given a month-dated demand, when asked within the month, then it is printed under "possibly by this date"', async () => {
    const text = await parley(['state', 'autos', '--as-of', '2018-05-10']);
    expect(text).toMatch(/Possibly by this date[^\n]*\n.*\n.*\n2018-05-01 … 2018-05-24\s+US: regional_value_content@high-value-parts 75 percent\s+reported/);
  });

  it('given --min-confidence confirmed, then the reported demand is left out of state and of --json', async () => {
    expect(await parley(['state', 'autos', '--as-of', '2018-05-25', '--min-confidence', 'confirmed'])).not.toMatch(/high-value-parts/);
    const state = JSON.parse(await parley(['state', 'autos', '--as-of', '2018-05-25', '--json']));
    expect(state.positions.US['regional_value_content@high-value-parts']).toMatchObject({ confidence: 'reported', source: { publisher: 'Reuters' } });
  });

  it('given a phase-in schedule, when state is printed on 2022-01-01, then the whole schedule shows with the current step marked', async () => {
    const text = await parley(['state', 'autos', '--as-of', '2022-01-01']);
    expect(text).toMatch(/2021-07-01\s+69 percent\s+← in force/);
    expect(text).toMatch(/2023-07-01\s+75 percent\s*\n/);
    expect(text).toMatch(/69 percent since 2021-07-01/);
  });

  it('given a think tank that spoke, when the negotiation is printed, then it is another actor, not a party, and its word is marked unconfirmed', async () => {
    const text = await parley(['negotiation', 'talks', '--as-of', '2018-06-01']);
    expect(text).toMatch(/parties: MX, US\n/);
    expect(text).toMatch(/other actors: some-think-tank\n/);
    expect(text).toMatch(/some-think-tank\s+2018-05-25\s+A fellow\s+"they are far apart" \[UNCONFIRMED\]/);
  });

  it('given a year-dated probe, when probes are asked mid-year, then it is only possible; --min-confidence is refused with a clear error when invalid', async () => {
    expect(await parley(['probes', '--as-of', '2018-06-01'])).toMatch(/none\n\nPossibly by this date[\s\S]*2018-01-01 … 2018-12-31\s+US launches a Section 232 probe: car imports\s+reported/);
    const bad = await run(['probes', '--min-confidence', 'sure']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--min-confidence "sure"/);
  });

  it('given the timeline with --min-confidence reported, then unconfirmed rows are left out and reported ones are marked', async () => {
    const text = await parley(['timeline', '--min-confidence', 'reported']);
    expect(text).not.toMatch(/far apart/);
    expect(text).toMatch(/US demand on autos: regional_value_content@high-value-parts 75 percent \[reported\]/);
    expect(text).toMatch(/\n {12}regional_value_content@high-value-parts: 75 percent for high-value parts\n/);
  });
});

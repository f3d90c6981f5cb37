/**
 * The web page in a real browser (Debian's Chromium, headless, through playwright-core) against a
 * real server with the bundled history. The tests run in order and share one server and one page:
 * the live test records an event, the known-at test a correction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/package-root';
import { openWebFixture, postEvents, screenshotDir, WebFixture } from './browser';

const NEGOTIATION = 'nafta-renegotiation';
const ISSUE = 'auto-rules-of-origin';
const MX_RVC_70 = 'nafta-2018-05-24-mx-counter-rvc-70';

const cell = (page: Page, party: string, metric: string) => page.locator(`#state-table td[data-party="${party}"][data-metric="${metric}"] .value`);

/** Waits until the state table answers for this as-of day (and, when given, this knowledge moment). */
const stateFor = async (page: Page, asOf: string, knownAt?: string) => {
  const selector = `.state[aria-busy="false"][data-as-of="${asOf}"]${knownAt ? `[data-known-at="${knownAt}"]` : ''}`;
  await page.locator(selector).waitFor();
};

const bundledEvent = (id: string): Record<string, unknown> => {
  const file = join(packageRoot(__dirname), 'events', 'history', `${NEGOTIATION}.ndjson`);
  const line = readFileSync(file, 'utf8').split('\n').find((l) => l.includes(`"id": "${id}"`) || l.includes(`"id":"${id}"`));
  if (!line) throw new Error(`${id} is not in the bundled history`);
  return JSON.parse(line);
};

describe('web page (Chromium)', () => {
  let web: WebFixture;

  beforeAll(async () => {
    web = await openWebFixture();
  }, 90_000);

  afterAll(async () => {
    await web?.close();
  }, 45_000);

  it('given the bundled history, when a reader picks auto rules of origin and sets the date to 2018-05-25, then the state table reads US 75 % and Mexico 70 %', async () => {
    const { page } = web;
    await page.goto('/');
    await page.locator(`#negotiation option[value="${NEGOTIATION}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#negotiation', NEGOTIATION);
    await page.selectOption('#issue', ISSUE);
    await page.fill('#as-of-date', '2018-05-25');
    await stateFor(page, '2018-05-25');

    expect(await cell(page, 'US', 'regional_value_content').innerText()).toBe('75 %');
    expect(await cell(page, 'MX', 'regional_value_content').innerText()).toBe('70 %');
    expect(await page.locator('#state-table thead').innerText()).toContain('Mexico');
    expect(await page.locator('#state-table td.gap[data-metric="regional_value_content"] .value').innerText()).toBe('5 pts');
    const search = new URL(page.url()).searchParams;
    expect([search.get('negotiation'), search.get('issue'), search.get('asOf')]).toEqual([NEGOTIATION, ISSUE, '2018-05-25']);
  }, 45_000);

  it('given a deep link, when the page opens at 1280 and at 390 px wide, then the state table renders from the link, nothing overflows, and screenshots are saved', async () => {
    const { page } = web;
    const dir = screenshotDir();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.goto(`/?negotiation=${NEGOTIATION}&issue=${ISSUE}&asOf=2018-05-25`);
      await stateFor(page, '2018-05-25');
      await page.locator('.timeline-chart svg [data-event-id]').first().waitFor();
      await page.locator('.positions-figure svg').first().waitFor();
      await page.locator('[data-live-status="open"]').waitFor();

      expect(await cell(page, 'US', 'regional_value_content').innerText()).toBe('75 %');
      expect(await cell(page, 'MX', 'regional_value_content').innerText()).toBe('70 %');
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      // Events not yet counted on the day are dimmed: the 2017 year-precision events count from 31 Dec 2017.
      await page.fill('#as-of-date', '2017-06-30');
      await stateFor(page, '2017-06-30');
      expect(await page.locator('.event-item.is-future').count()).toBeGreaterThan(0);
      await page.fill('#as-of-date', '2018-05-25');
      await stateFor(page, '2018-05-25');
      await page.evaluate('document.activeElement?.blur()');
      await page.screenshot({ path: join(dir, `timeline-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(web.problems).toEqual([]);
  }, 40_000);

  it('given the state on 2018-05-25, when the reader uses only the keyboard on the slider and the event list, then the day moves event by event (to the day the probe opened) and each focused event shows its card with the verbatim quote', async () => {
    const { page } = web;
    await page.goto(`/?negotiation=${NEGOTIATION}&issue=${ISSUE}&asOf=2018-05-25`);
    await stateFor(page, '2018-05-25');

    await page.focus('#as-of-slider');
    await page.keyboard.press('PageDown');
    await stateFor(page, '2018-05-24');
    await page.keyboard.press('PageDown'); // the day the auto probe opened, before the May offers
    await stateFor(page, '2018-05-23');
    expect(await cell(page, 'MX', 'regional_value_content').count()).toBe(0);
    expect(await cell(page, 'US', 'regional_value_content').innerText()).toContain('higher');
    await page.locator('#probes li', { hasText: 'car and truck imports' }).waitFor();

    const first = page.locator('.event-list button[tabindex="0"]');
    await first.focus();
    await page.keyboard.press('ArrowDown');
    const focusedId = await page.evaluate("document.activeElement?.getAttribute('data-event-id')");
    expect(focusedId).toBe('nafta-2017-us-demand-national-content');
    const card = page.locator('#event-card');
    await card.waitFor();
    expect(await card.locator('blockquote').innerText()).toContain('trump s trade team want to have some national content rules');
    expect(await page.locator(':focus').getAttribute('aria-describedby')).toBe('event-card');

    await page.keyboard.press('Enter');
    await stateFor(page, '2017-12-31');
  }, 45_000);

  it('given the replay controls, when the reader steps through the issue, then the slider follows each event and the narration says what it changed', async () => {
    const { page } = web;
    await page.goto(`/?negotiation=${NEGOTIATION}&issue=${ISSUE}&asOf=2018-05-25`);
    await stateFor(page, '2018-05-25');
    const next = page.getByRole('button', { name: 'Next step' });
    await next.click();
    await page.locator('#narration', { hasText: 'Step 1 of 10' }).waitFor();
    await stateFor(page, '2017-12-31');
    for (let i = 2; i <= 7; i++) await next.click();
    const narration = page.locator('#narration', { hasText: 'Step 7 of 10' });
    await narration.waitFor();
    expect(await narration.innerText()).toContain('United States, regional value content: higher (boost regional auto content requirements) → 75 %.');
    await stateFor(page, '2018-05-24');
  }, 45_000);

  it('given the page open at the latest state, when an event is recorded through the API, then it appears highlighted without a reload and the state table updates', async () => {
    const { page } = web;
    await page.goto(`/?negotiation=${NEGOTIATION}&issue=${ISSUE}`);
    await page.locator('[data-live-status="open"]').waitFor();
    expect(await cell(page, 'US', 'labor_value_content').innerText()).toBe('40 %');
    await page.evaluate('window.__sameDocument = true');

    await postEvents(web.server.url, {
      id: 'web-test-us-lvc-35',
      type: 'OfferMade',
      negotiation: NEGOTIATION,
      issue: ISSUE,
      party: 'US',
      occurredAt: '2018-05-30',
      source: { title: 'Browser test', quote: 'the United States would accept 35 percent' },
      confidence: 'reported',
      data: { terms: [{ metric: 'labor_value_content', value: 35, unit: 'percent', text: '35 percent from high-wage areas' }] },
    });

    await page.locator('.event-list button.is-fresh[data-event-id="web-test-us-lvc-35"]').waitFor();
    await page.locator('#state-table td[data-party="US"][data-metric="labor_value_content"] .value', { hasText: '35 %' }).waitFor();
    await page.locator('.arrivals [data-event-id="web-test-us-lvc-35"]').waitFor();
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  }, 45_000);

  it('given the page open, when the server drops every connection and comes back, then the page reconnects by itself and events recorded since appear without a reload', async () => {
    const { page } = web;
    await page.goto(`/?negotiation=${NEGOTIATION}&issue=${ISSUE}`);
    await page.locator('[data-live-status="open"]').waitFor();
    await page.evaluate('window.__sameDocument = true');

    await web.restartServer();
    await postEvents(web.server.url, {
      id: 'web-test-mx-statement-after-restart',
      type: 'StatementIssued',
      negotiation: NEGOTIATION,
      issue: ISSUE,
      party: 'MX',
      occurredAt: '2018-05-30',
      source: { title: 'Browser test', quote: 'Mexico is studying the offer' },
      data: { speaker: 'Mexican Economy Ministry', quote: 'Mexico is studying the offer' },
    });

    await page.locator('.event-list button.is-fresh[data-event-id="web-test-mx-statement-after-restart"]').waitFor({ timeout: 25_000 });
    await page.locator('[data-live-status="open"]').waitFor();
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  }, 40_000);

  it('given a correction of Mexico\'s regional value content from 70 to 71, when "known at" is set before the correction was recorded, then the table shows the original 70 and the event is marked as corrected later', async () => {
    const { page } = web;
    await page.goto(`/?negotiation=${NEGOTIATION}&issue=${ISSUE}&asOf=2018-05-25`);
    await stateFor(page, '2018-05-25');
    await page.locator('[data-live-status="open"]').waitFor();
    expect(await cell(page, 'MX', 'regional_value_content').innerText()).toBe('70 %');

    const beforeCorrection = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the correction is recorded strictly later
    const { id: _id, ...original } = bundledEvent(MX_RVC_70) as { id: string; data: { terms: Array<Record<string, unknown>> } };
    const replacement = { ...original, data: { ...original.data, terms: [{ ...original.data.terms[0], value: 71, text: '71 percent (corrected)' }] } };
    await postEvents(web.server.url, {
      type: 'EventCorrected',
      negotiation: NEGOTIATION,
      occurredAt: '2018-05-25',
      source: { title: 'Browser test correction' },
      data: { corrects: MX_RVC_70, replacement },
    });
    await page.locator('#state-table td[data-party="MX"][data-metric="regional_value_content"] .value', { hasText: '71 %' }).waitFor();
    await page.locator(`.event-list button[data-event-id="${MX_RVC_70}"] .badge-corrected`).waitFor();

    await page.fill('#known-at', beforeCorrection.toISOString().slice(0, 23));
    await stateFor(page, '2018-05-25', beforeCorrection.toISOString());
    expect(await cell(page, 'MX', 'regional_value_content').innerText()).toBe('70 %');
    await page.locator(`.event-list button[data-event-id="${MX_RVC_70}"] .badge-corrected-later`).waitFor();
    expect(new URL(page.url()).searchParams.get('knownAt')).toBe(beforeCorrection.toISOString());

    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await page.locator('#state-table td[data-party="MX"][data-metric="regional_value_content"] .value', { hasText: '71 %' }).waitFor();
  }, 30_000);
});

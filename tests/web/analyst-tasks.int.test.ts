/**
 * The ten analyst tasks of the usability report (docs: ui-2026-12), each done through the page only,
 * in Debian's Chromium against a real server with the bundled history; then keyboard reach, axe,
 * and the README's screenshots. One browser and one page for the file, in order.
 */
import { join } from 'node:path';
import { axeViolations, getJson, openWebFixture, postEvents, screenshotDir, WebFixture } from './browser';
import { AUTO_ROO, cell, NAFTA, openView, setAsOf, stateFor } from './page-helpers';

const MX_RVC_70 = 'nafta-2018-05-24-mx-counter-rvc-70';

interface TariffsAnswer { inForce: Array<{ product: string; rate?: { value: number; unit: string } | null; target: string; eventId: string }> }

describe('the ten analyst tasks, through the page (Chromium)', () => {
  let web: WebFixture;

  beforeAll(async () => {
    web = await openWebFixture();
    await web.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  }, 90_000);

  afterAll(async () => {
    await web?.close();
  }, 45_000);

  it('given the page opened with no link, then it opens on the negotiation\'s last event day and the busiest issue, each API answer asked once', async () => {
    const { page } = web;
    const asked: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/assets') && url.pathname !== '/') asked.push(`${url.pathname}${url.search}`);
    };
    page.on('request', onRequest);
    await page.goto('/');
    await stateFor(page, '2018-11-30');
    await page.locator('[data-live-status="open"]').waitFor();
    await page.locator('#tariffs .muted').first().waitFor();
    page.off('request', onRequest);

    expect(await page.inputValue('#negotiation')).toBe(NAFTA);
    expect(await page.inputValue('#issue')).toBe(AUTO_ROO);
    expect(await page.inputValue('#as-of-date')).toBe('2018-11-30');
    const calls = asked.filter((u) => !u.startsWith('/subscriptions'));
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.map((u) => u.split('?')[0]).sort()).toEqual(
      ['/events', '/health', '/negotiations', `/negotiations/${NAFTA}/issues/${AUTO_ROO}`, `/negotiations/${NAFTA}/issues/${AUTO_ROO}/replay`, '/probes', '/tariffs', '/timeline'].sort(),
    );
  }, 45_000);

  it('given the page at 1280 and 390 px (NAFTA and the critical-minerals plan, before any test records an event), then axe finds no serious or critical violation, nothing overflows, and the screenshots are saved', async () => {
    const { page } = web;
    const dir = screenshotDir();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      for (const [negotiation, name] of [[NAFTA, 'nafta'], ['us-mexico-critical-minerals', 'minerals']] as const) {
        await openView(page, negotiation === NAFTA ? `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25` : `?negotiation=${negotiation}`);
        await page.locator('.timeline-chart svg [data-event-id]').first().waitFor();
        await page.locator('[data-live-status="open"]').waitFor();
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        expect(await axeViolations(page)).toEqual([]);
        await page.evaluate('document.activeElement?.blur()');
        await page.screenshot({ path: join(dir, `web-${name}-${width}.png`), fullPage: true });
      }
      await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25&event=${MX_RVC_70}`);
      await page.locator('#source-panel').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(dir, `web-source-panel-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(web.problems).toEqual([]);
  }, 90_000);

  it('(a) given NAFTA, when the analyst types 25 May 2018, then the table shows US and Mexico on auto rules of origin with their qualifiers and the gap', async () => {
    const { page } = web;
    await page.selectOption('#issue', AUTO_ROO);
    await setAsOf(page, '2018-05-25');
    await stateFor(page, '2018-05-25');

    // Different scopes, different rows: the US asks 75 % for high-value parts, Mexico offers 70 % of the whole vehicle.
    expect(await cell(page, 'US', 'regional_value_content@high-value-parts').innerText()).toBe('75 %');
    expect(await cell(page, 'MX', 'regional_value_content@whole-vehicle').innerText()).toBe('70 %');
    expect(await cell(page, 'US', 'labor_value_content').innerText()).toBe('40 %');
    expect(await page.locator('#state-table td.gap[data-metric="labor_value_content"] .value').innerText()).toBe('20 pts');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2018-05-25');
  }, 30_000);

  it('given 25 May 2018, when the analyst counts confirmed events only, then the reported figures leave the table and the address says so', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    expect(await page.locator('#state-table .badge-confidence-reported').count()).toBeGreaterThan(0);
    await page.selectOption('#min-confidence', 'confirmed');
    await page.locator('.state[data-min-confidence="confirmed"][data-stale="false"][aria-busy="false"]').waitFor();
    expect(await page.locator('.state').innerText()).toContain('confirmed events only');
    expect(await page.locator('#state-table .badge-confidence-reported').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('minConfidence')).toBe('confirmed');
    await page.selectOption('#min-confidence', '');
    await page.locator('#state-table .badge-confidence-reported').first().waitFor();
  }, 30_000);

  it('(b) given the auto issue, when the analyst reads the charts and compares 30 Jan with 25 May 2018, then the positions chart and the API\'s diff tell the evolution', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    const chart = page.locator('.positions-figure svg[role="img"][aria-label*="high-value-parts"], .positions-figure svg[role="img"][aria-label*="high value parts"]').first();
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('United States 75 %');

    await page.locator('.compare summary').click();
    await page.fill('#compare-date', '2018-01-30');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const result = page.locator('#compare-result');
    await result.locator('li', { hasText: 'Mexico, regional value content' }).waitFor();
    expect(await result.innerText()).toContain('From Jan 30, 2018 to May 25, 2018');
    expect(await result.innerText()).toMatch(/Mexico, regional value content \(whole vehicle\): new — 70 %/);
    expect(await result.innerText()).toMatch(/United States, us content: 50 % no longer held/);
    expect(new URL(page.url()).searchParams.get('compare')).toBe('2018-01-30');
  }, 30_000);

  it('(c) given tariffs filtered to Mexico, when the analyst looks on 1 Jan 2019 and 1 Jul 2025, then the panel lists exactly the lines the API has in force on Mexico each day', async () => {
    const { page } = web;
    await page.selectOption('#tariff-target', 'MX');
    for (const day of ['2019-01-01', '2025-07-01']) {
      await setAsOf(page, day);
      await stateFor(page, day);
      const expected = await getJson<TariffsAnswer>(`${web.server.url}/tariffs?asOf=${day}&target=MX`);
      await page.locator(`#tariffs .muted.small`, { hasText: `As of ${new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))}` }).waitFor();
      await page.locator('#tariffs:not(.is-stale)').waitFor();
      const shown = page.locator('#tariffs-in-force > li');
      await expectCount(shown, expected.inForce.length);
      for (const line of expected.inForce) {
        const item = page.locator(`#tariffs li[data-event-id="${line.eventId}"][data-target="${line.target}"]`);
        expect(await item.innerText()).toContain(line.product);
        expect(['MX', '*']).toContain(line.target);
      }
    }
    await page.selectOption('#tariff-target', '');
  }, 40_000);

  it('(d) given the probes panel, when the analyst looks on 23 and on 22 May 2018, then the Section 232 auto probe is open on the 23rd only', async () => {
    const { page } = web;
    await setAsOf(page, '2018-05-23');
    await page.locator('#probes li', { hasText: 'car and truck imports' }).waitFor();
    await setAsOf(page, '2018-05-22');
    await stateFor(page, '2018-05-22');
    await page.locator('#probes:not(.is-stale) p', { hasText: 'No probe open.' }).waitFor();
  }, 30_000);

  it('(f) given the replay, when the analyst steps through the five moves of 24 May 2018 one by one, then each step shows the state right after it, not the end of the day', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}`);
    const next = page.getByRole('button', { name: 'Next step' });
    for (let i = 1; i <= 8; i++) await next.click();
    await page.locator('#narration', { hasText: 'Step 8 of 16' }).waitFor();
    await page.locator('.state-table caption', { hasText: 'after step 8 of 16' }).waitFor();
    expect(await cell(page, 'US', 'labor_value_content').innerText()).toBe('40 %');
    expect(await page.locator('#state-table td[data-party="MX"][data-metric^="labor_value_content"] .value').count()).toBe(0);
    expect(await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value').count()).toBe(0);

    await next.click();
    await page.locator('.state-table caption', { hasText: 'after step 9 of 16' }).waitFor();
    expect(await cell(page, 'MX', 'labor_value_content').innerText()).toBe('20 %');
    expect(await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value').count()).toBe(0);
    expect(await page.locator('#narration').innerText()).toContain('Mexico, labor value content: now 20 %');

    await next.click(); // the U.S. 75 % for high-value parts, then Mexico's 70 % of the whole vehicle
    await next.click();
    await page.locator('.state-table caption', { hasText: 'after step 11 of 16' }).waitFor();
    expect(await cell(page, 'MX', 'regional_value_content').innerText()).toBe('70 %');
    expect(new URL(page.url()).searchParams.get('step')).toBe('11');
    await page.getByRole('button', { name: 'Stop' }).click();
  }, 40_000);

  it('(e) given a correction of Mexico\'s 70 % to 71 %, when the analyst opens the corrected event and asks for what was known just before the correction, then the table shows 70 % again', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    await page.locator('[data-live-status="open"]').waitFor();
    const original = await getJson<{ id: string; position: number; recordedAt: string; streamRevision: number } & Record<string, unknown>>(`${web.server.url}/events/${MX_RVC_70}`);
    const { id: _id, position: _p, recordedAt: _r, streamRevision: _s, ...body } = original;
    const data = body.data as { terms: Array<Record<string, unknown>> };
    await postEvents(web.server.url, {
      type: 'EventCorrected', negotiation: NAFTA, occurredAt: '2018-05-25', source: { title: 'Browser test correction' },
      data: { corrects: MX_RVC_70, replacement: { ...body, data: { ...data, terms: [{ ...data.terms[0], value: 71 }] } } },
    });
    await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value', { hasText: '71 %' }).waitFor();

    await page.locator(`#state-table td[data-party="MX"][data-metric^="regional_value_content"] button`).click();
    const panel = page.locator('#source-panel');
    await panel.locator('.mark-corrected').waitFor();
    await panel.getByRole('button', { name: 'As known before this correction' }).click();
    await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value', { hasText: '70 %' }).waitFor();
    await page.locator(`.event-list button[data-event-id="${MX_RVC_70}"] .badge-corrected-later`).waitFor();
    expect(new URL(page.url()).searchParams.get('knownAt')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await page.inputValue('#known-at')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value', { hasText: '71 %' }).waitFor();
    await page.locator('#source-panel .close').click();
  }, 40_000);

  it('(g) given the page open, when an event is recorded through the API, then it appears highlighted without a reload and the table updates', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-06-01`);
    await page.locator('[data-live-status="open"]').waitFor();
    expect(await cell(page, 'US', 'labor_value_content').innerText()).toBe('40 %');
    await page.evaluate('window.__sameDocument = true');
    await postEvents(web.server.url, {
      id: 'web-test-us-lvc-35', type: 'OfferMade', negotiation: NAFTA, issue: AUTO_ROO, party: 'US', occurredAt: '2018-05-30',
      source: { title: 'Browser test', quote: 'the United States would accept 35 percent' }, confidence: 'reported',
      data: { terms: [{ metric: 'labor_value_content', value: 35, unit: 'percent' }] },
    });
    await page.locator('.event-list button.is-fresh[data-event-id="web-test-us-lvc-35"]').waitFor();
    await page.locator('#state-table td[data-party="US"][data-metric^="labor_value_content"] .value', { hasText: '35 %' }).waitFor();
    await page.locator('.arrivals [data-event-id="web-test-us-lvc-35"]').waitFor();
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  }, 30_000);

  it('(h) given a position in the table, when the analyst selects it, then a pinned panel shows its verbatim quote, publisher, date, confidence and a link to the stored text, without moving the day', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    await stateFor(page, '2018-05-25');
    await page.locator('#state-table td[data-party="US"][data-metric="regional_value_content@high-value-parts"] button').click();
    const panel = page.locator('#source-panel');
    await panel.waitFor();
    const stored = await getJson<{ source: { quote: string; publisher: string; document: string }; confidence: string }>(
      `${web.server.url}/events/${await panel.getAttribute('data-event-id')}`,
    );
    expect(await panel.locator('blockquote').innerText()).toContain(stored.source.quote.slice(0, 40));
    expect(await panel.innerText()).toContain(stored.source.publisher);
    expect(await panel.locator('.confidence').innerText()).toBe(`Confidence: ${stored.confidence}`);
    const link = panel.getByRole('link', { name: stored.source.document });
    const response = await fetch(`${web.server.url}${await link.getAttribute('href')}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(stored.source.quote.slice(0, 30));
    expect(await page.inputValue('#as-of-date')).toBe('2018-05-25');

    await panel.getByRole('button', { name: 'Copy citation' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toContain(stored.source.publisher);
    await panel.getByRole('button', { name: 'Go to this day' }).click();
    await stateFor(page, '2018-05-24');
  }, 30_000);

  it('(i) given NAFTA, when the analyst switches to the 2025 steel and aluminum talks, then its busiest issue opens on its last event day, and Back returns to NAFTA', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    await page.selectOption('#negotiation', 'steel-aluminum-talks-2025');
    await page.locator('.state[data-negotiation="steel-aluminum-talks-2025"][data-stale="false"]').waitFor();
    expect(await page.inputValue('#issue')).toBe('steel-aluminum-tariffs');
    expect(await page.locator('#state-heading').innerText()).toContain('Steel aluminum tariffs');
    const search = new URL(page.url()).searchParams;
    expect(search.get('negotiation')).toBe('steel-aluminum-talks-2025');
    expect(search.get('asOf')).toBeNull();
    expect(await page.title()).toContain('Steel aluminum tariffs');

    await page.goBack();
    await page.locator(`.state[data-negotiation="${NAFTA}"][data-stale="false"]`).waitFor();
    expect(await page.inputValue('#negotiation')).toBe(NAFTA);
  }, 30_000);

  it('(j) given a view with a pinned source, when the analyst copies the link and opens it in a fresh page, then the same view and panel come back', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    await page.locator(`.event-list button[data-event-id="${MX_RVC_70}"]`).click();
    await page.locator('#source-panel').waitFor();
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(link).toBe(page.url());

    const fresh = await web.context.newPage();
    await fresh.goto(link);
    await stateFor(fresh, '2018-05-25');
    await fresh.locator(`#source-panel[data-event-id="${MX_RVC_70}"]`).waitFor();
    expect(await cell(fresh, 'MX', 'regional_value_content').innerText()).toBe('71 %');
    await fresh.close();
  }, 30_000);

  it('given the controls, when the analyst tabs on from the last control, then the event list is reached within 5 Tab presses, and Enter on an event pins its source', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    await page.focus('#copy-link');
    let presses = 0;
    while (presses < 5 && !(await page.evaluate(`!!document.activeElement?.closest('#event-list')`))) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await page.evaluate(`!!document.activeElement?.closest('#event-list')`)).toBe(true);
    await page.keyboard.press('ArrowDown');
    const id = await page.evaluate(`document.activeElement?.getAttribute('data-event-id')`);
    await page.keyboard.press('Enter');
    await page.locator(`#source-panel[data-event-id="${id}"]`).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#source-panel').waitFor({ state: 'detached' });
  }, 30_000);

});

const expectCount = async (locator: { count(): Promise<number> }, n: number) => {
  for (let i = 0; i < 50 && (await locator.count()) !== n; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.count()).toBe(n);
};

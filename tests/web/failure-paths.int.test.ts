/**
 * What goes wrong in ordinary use, in Chromium against a real server: typing a date over a date,
 * malformed links, and the server going away while the page is open (also across a switch of
 * negotiation), then coming back.
 */
import { openWebFixture, postEvents, WebFixture } from './browser';
import { AUTO_ROO, lastEventDay, NAFTA, openView, stateFor } from './page-helpers';

const MINERALS = 'us-mexico-critical-minerals';

describe('failure paths (Chromium)', () => {
  let web: WebFixture;

  beforeAll(async () => {
    web = await openWebFixture();
  }, 90_000);

  afterAll(async () => {
    await web?.close();
  }, 45_000);

  it('given 25 May 2018 in the as-of field, when the analyst types 01/01/2019 over it key by key, then the page shows 1 Jan 2019 (not 2018, not 0019, not today)', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    await stateFor(page, '2018-05-25');
    await page.focus('#as-of-date'); // the month segment
    await page.keyboard.type('01012019', { delay: 40 });
    await page.keyboard.press('Enter');
    await stateFor(page, '2019-01-01');
    expect(await page.inputValue('#as-of-date')).toBe('2019-01-01');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2019-01-01');
  }, 30_000);

  for (const [search, named] of [
    ['?asOf=2018-13-45', 'asOf “2018-13-45”'],
    ['?knownAt=garbage', 'knownAt “garbage”'],
    ['?asOf=2018-02-30', 'asOf “2018-02-30”'],
  ] as const) {
    it(`given the link ${search}, when it is opened, then a notice names the value and the page shows the default view, never a blank page or an API error`, async () => {
      const { page } = web;
      const errors: string[] = [];
      const onError = (e: Error) => errors.push(e.message);
      page.on('pageerror', onError);
      await page.goto(`/${search}`);
      await page.locator('#view-notice', { hasText: named }).waitFor();
      await stateFor(page, await lastEventDay(web.server.url, NAFTA));
      expect(await page.locator('#error-banner').count()).toBe(0);
      page.off('pageerror', onError);
      expect(errors).toEqual([]);
    }, 30_000);
  }

  it('given the page open, when the server stops and the analyst changes the day and then the negotiation, then one banner with Retry shows, the old table is greyed and labelled with what it still shows; when the server is back, Retry brings the new view and live updates resume', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-05-25`);
    await stateFor(page, '2018-05-25');
    await page.locator('[data-live-status="open"]').waitFor();

    await web.stopServer();
    await page.fill('#as-of-date', '2018-01-30');
    await page.press('#as-of-date', 'Enter');
    const banner = page.locator('#error-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('cannot be reached');
    await page.locator('.state[data-stale="true"][data-as-of="2018-05-25"] .stale-label').waitFor();

    await page.selectOption('#negotiation', MINERALS);
    await page.locator('[data-live-status="reconnecting"]').waitFor();
    await banner.waitFor(); // the new negotiation's requests fail too: still one banner
    expect(await page.locator('.notice-error').count()).toBe(1);
    expect(await page.locator('#state-heading').innerText()).not.toContain('Critical minerals');
    expect(await page.locator('.state').getAttribute('data-negotiation')).toBe(NAFTA);
    expect(await page.locator('.state').getAttribute('data-stale')).toBe('true');
    expect(await page.locator('#state-heading').innerText()).toContain('not updated');

    await web.startAgain();
    // Retry — unless the live stream reconnected first and the page refreshed itself, which takes the
    // banner (and its button) away mid-click: either way the new view must come.
    const fresh = page.locator(`.state[data-negotiation="${MINERALS}"][data-stale="false"]`);
    await Promise.race([page.getByRole('button', { name: 'Retry' }).click().catch(() => fresh.waitFor()), fresh.waitFor()]);
    await fresh.waitFor();
    await banner.waitFor({ state: 'detached' });
    await page.locator('[data-live-status="open"]').waitFor({ timeout: 25_000 });
    await postEvents(web.server.url, {
      id: 'web-test-minerals-statement', type: 'StatementIssued', negotiation: MINERALS, party: 'MX', occurredAt: '2026-03-01',
      source: { title: 'Browser test', quote: 'Mexico welcomes the plan' }, data: { speaker: 'Mexican Economy Ministry', quote: 'Mexico welcomes the plan' },
    });
    await page.locator('.filters summary').click();
    await page.locator('#filter-scope').selectOption('all');
    await page.locator('.event-list button.is-fresh[data-event-id="web-test-minerals-statement"]').waitFor();
  }, 60_000);
});

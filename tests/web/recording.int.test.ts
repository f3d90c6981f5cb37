/**
 * Recording, correcting and retracting an event from the page, behind a bearer token, in Chromium
 * against a real server: the forms check with the catalog's schemas (errors beside the field,
 * nothing sent), the server's 401 lands beside the token, and each new event appears live.
 */
import { getJson, suiteWebFixture, WebFixture } from './browser';
import { AUTO_ROO, cell, NAFTA, openView, stateFor } from './page-helpers';

const TOKEN = 'web-test-token';

const eventCount = async (web: WebFixture): Promise<number> =>
  (await getJson<{ events: unknown[] }>(`${web.server.url}/events?negotiation=${NAFTA}&limit=1000`)).events.length;

describe('recording from the page (Chromium, token required)', () => {
  const web = suiteWebFixture({ apiToken: TOKEN });

  it('given the record form, when an offer is sent with a value but no unit, then the error stands beside the unit and nothing is recorded; without the token the 401 stands beside the token field; with it the offer appears live', async () => {
    const { page } = web;
    await openView(page, `?negotiation=${NAFTA}&issue=${AUTO_ROO}&asOf=2018-06-30`);
    await page.locator('[data-live-status="open"]').waitFor();
    expect(await cell(page, 'MX', 'regional_value_content').innerText()).toBe('70 %');
    const before = await eventCount(web);

    await page.getByRole('button', { name: 'Record an event' }).click();
    const dialog = page.locator('dialog.record-dialog');
    await dialog.waitFor();
    await dialog.locator('#f-type').selectOption('OfferMade');
    await dialog.locator('#f-party').fill('MX');
    await dialog.locator('#f-occurredAt').fill('2018-06');
    await dialog.locator('#f-source-title').fill('Browser test article');
    await dialog.locator('#f-source-quote').fill('Mexico would accept 72 percent');
    await dialog.locator('#f-data-terms-0-metric').fill('regional_value_content');
    await dialog.locator('#f-data-terms-0-value').fill('72');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();

    const unitError = dialog.locator('#f-data-terms-0-unit-error');
    await unitError.waitFor();
    expect(await unitError.innerText()).toContain('value and unit go together');
    expect(await dialog.locator('#f-data-terms-0-unit').getAttribute('aria-invalid')).toBe('true');
    expect(await eventCount(web)).toBe(before);

    await dialog.locator('#f-data-terms-0-unit').fill('percent');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await dialog.locator('#f-token-error').waitFor();
    expect(await dialog.locator('#f-token-error').innerText()).toContain('Bearer');
    expect(await eventCount(web)).toBe(before);

    await dialog.locator('#f-token').fill(TOKEN);
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.event-list button.is-fresh', { hasText: 'Mexico offered 72 % regional value content' }).waitFor();
    await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value', { hasText: '72 %' }).waitFor();
    expect(await eventCount(web)).toBe(before + 1);
  }, 45_000);

  it('given the recorded offer, when the analyst corrects it from its source panel (the form comes pre-filled) to 71 %, then the correction is recorded and shown live', async () => {
    const { page } = web;
    await page.locator('.event-list button', { hasText: 'Mexico offered 72 %' }).click();
    const panel = page.locator('#source-panel');
    await panel.getByRole('button', { name: 'Correct…' }).click();
    const dialog = page.locator('dialog.record-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('#f-data-terms-0-value').inputValue()).toBe('72');
    expect(await dialog.locator('#f-party').inputValue()).toBe('MX');
    expect(await dialog.locator('#f-token').inputValue()).toBe(TOKEN); // kept for the session
    await dialog.locator('#f-data-terms-0-value').fill('seventy-one');
    await dialog.getByRole('button', { name: 'Record the correction' }).click();
    await dialog.locator('#f-data-terms-0-value-error').waitFor();
    await dialog.locator('#f-data-terms-0-value').fill('71');
    await dialog.getByRole('button', { name: 'Record the correction' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value', { hasText: '71 %' }).waitFor();
    await panel.locator('.mark-corrected').waitFor();
    await stateFor(page, '2018-06-30');
  }, 45_000);

  it('given the corrected offer, when the analyst retracts it without a reason, then the reason field says so; with a reason the offer is struck out and Mexico is back at 70 %', async () => {
    const { page } = web;
    const panel = page.locator('#source-panel');
    await panel.getByRole('button', { name: 'Retract…' }).click();
    const dialog = page.locator('dialog.record-dialog');
    await dialog.getByRole('button', { name: 'Retract', exact: true }).click();
    await dialog.locator('#f-reason-error').waitFor();
    await dialog.locator('#f-reason').fill('the article was misread: no new figure');
    await dialog.getByRole('button', { name: 'Retract', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#state-table td[data-party="MX"][data-metric^="regional_value_content"] .value', { hasText: '70 %' }).waitFor();
    // Struck out as it was first recorded (the stored original), marked retracted.
    await page.locator('.event-list button.is-retracted', { hasText: 'Mexico offered 72 %' }).locator('.badge-retracted').waitFor();
    expect(web.problems.filter((p) => !p.startsWith('401'))).toEqual([]);
  }, 45_000);
});

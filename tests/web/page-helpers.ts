/** What the browser tests do on the page, named as an analyst would say it. */
import type { Page } from 'playwright-core';

export const NAFTA = 'nafta-renegotiation';
export const AUTO_ROO = 'auto-rules-of-origin';

/** The value shown in the state table for a party and a metric (a scoped metric matches by its prefix). */
export const cell = (page: Page, party: string, metric: string) =>
  page.locator(`#state-table td[data-party="${party}"][data-metric^="${metric}"] .value`).first();

/** Waits until the state table answers for this as-of day (and, when given, this knowledge moment), not a stale one. */
export const stateFor = async (page: Page, asOf: string, knownAt?: string) => {
  const selector = `.state[aria-busy="false"][data-stale="false"][data-as-of="${asOf}"]${knownAt ? `[data-known-at="${knownAt}"]` : ''}`;
  await page.locator(selector).waitFor();
};

/** Types a day into the as-of field and confirms it with Enter. */
export const setAsOf = async (page: Page, day: string) => {
  await page.fill('#as-of-date', day);
  await page.press('#as-of-date', 'Enter');
};

export const openView = async (page: Page, search: string) => {
  await page.goto(`/${search}`);
  await page.locator('.state[aria-busy="false"]').waitFor();
};

/** The day the page opens a negotiation on: its last event day, as the API's timeline says. */
export const lastEventDay = async (serverUrl: string, negotiation: string): Promise<string> => {
  const response = await fetch(`${serverUrl}/timeline?negotiation=${negotiation}`);
  const { entries } = (await response.json()) as { entries: Array<{ countsFrom: string }> };
  return entries.map((e) => e.countsFrom).sort().reverse()[0];
};

/**
 * The review panel in Chromium against a real server: an article's drafts highlighted in the text,
 * each accepted, edited or rejected, the accepted ones recorded in one batch, and a second recording
 * of the same drafts recording nothing new.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getJson, suiteWebFixture, screenshotDir, WebFixture } from '../web/browser';
import { openView } from '../web/page-helpers';

const TOKEN = 'review-test-token';
const ARTICLE = readFileSync(join(__dirname, 'corpus', 'articles', 'e02-metal-tariffs-lifted-2019.txt'), 'utf8');

const stored = async (web: WebFixture, negotiation: string) =>
  (await getJson<{ events: Array<{ id: string; type: string; party?: string; occurredAt: string; source?: { quote?: string } }> }>(`${web.server.url}/events?negotiation=${negotiation}&limit=1000`)).events;

describe('reviewing an article in the page (Chromium)', () => {
  const web = suiteWebFixture({ apiToken: TOKEN });

  it('given an article, when drafts are proposed, then each span is highlighted exactly; accepted and edited drafts are recorded in one batch, rejected ones are not, and recording again adds nothing', async () => {
    const { page } = web;
    await page.goto('/');
    await page.evaluate(`sessionStorage.setItem('parley-token', ${JSON.stringify(TOKEN)})`);
    await openView(page, '?negotiation=nafta-renegotiation&issue=auto-rules-of-origin');
    await page.getByRole('tab', { name: 'Review an article' }).click();
    await page.locator('#review-text').fill(ARTICLE);
    await page.locator('#review-published').fill('2019-05-17');
    await page.locator('#review-negotiation').fill('metal-tariffs-review');
    await page.getByRole('button', { name: 'Propose events' }).click();

    const drafts = page.locator('.review-draft');
    await drafts.first().waitFor();
    const answer = (await (await fetch(`${web.server.url}/extract`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: ARTICLE, published: '2019-05-17', negotiation: 'metal-tariffs-review' }),
    })).json()) as { drafts: Array<{ id: string; span: { start: number; end: number }; event: { source: { quote: string } } }> };
    expect(await drafts.count()).toBe(answer.drafts.length);

    // Highlight: every draft's span is one mark whose text is exactly the quote at those offsets.
    const marks = page.locator('mark.review-span');
    const spans = await marks.evaluateAll((nodes) =>
      nodes.map((n) => ({ start: Number(n.getAttribute('data-start')), end: Number(n.getAttribute('data-end')), text: (n.textContent ?? '').replace(/^[\d,]+/, ''), drafts: n.getAttribute('data-drafts') })),
    );
    for (const d of answer.drafts) {
      const mark = spans.find((s) => s.drafts?.split(' ').includes(d.id));
      expect(mark).toBeDefined();
      expect(mark!.text).toBe(ARTICLE.slice(d.span.start, d.span.end));
      expect(mark!.text).toBe(d.event.source.quote);
    }
    expect(await page.locator('.review-article').innerText()).toContain('Lawmakers in Congress had said');

    const ids: string[] = answer.drafts.map((d: { id: string }) => d.id);
    const card = (n: number) => page.locator(`li.review-draft[data-draft="${ids[n]}"]`);

    // Accept the first two; reject the third; edit the fourth (its date) and accept it.
    await card(0).getByRole('button', { name: 'Accept #1' }).click();
    await card(1).getByRole('button', { name: 'Accept #2' }).click();
    await card(2).getByRole('button', { name: 'Reject #3' }).click();
    expect(await card(2).getAttribute('data-decision')).toBe('rejected');
    expect(await page.locator(`mark.review-span[data-drafts~="${ids[2]}"]`).getAttribute('class')).toContain('rejected');
    expect(await page.locator(`mark.review-span[data-drafts~="${ids[0]}"]`).getAttribute('class')).toContain('accepted');

    await card(3).getByRole('button', { name: 'Edit #4' }).click();
    const editor = card(3).locator('form.draft-editor');
    await editor.locator('#f-occurredAt').fill('2019-05-13/2019-05-17');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.waitFor({ state: 'detached' });
    expect(await card(3).innerText()).toContain('edited');
    await card(3).getByRole('button', { name: 'Accept #4' }).click();

    await page.getByRole('button', { name: 'Record 3 accepted' }).click();
    await page.locator('.review-message', { hasText: 'Recorded 3 events' }).waitFor();
    const recorded = await stored(web, 'metal-tariffs-review');
    expect(recorded.map((e) => e.id).sort()).toEqual([ids[0], ids[1], ids[3]].sort());
    expect(recorded.find((e) => e.id === ids[3])!.occurredAt).toBe('2019-05-13/2019-05-17');
    expect(recorded.some((e) => e.id === ids[2])).toBe(false);
    for (const e of recorded) expect(ARTICLE).toContain(e.source!.quote!);
    expect(await card(0).getAttribute('data-decision')).toBe('recorded');

    // The same article proposed again: the same ids; recording them again records nothing new.
    await page.getByRole('button', { name: 'Propose events' }).click();
    await page.locator('.review-draft[data-decision="pending"]').first().waitFor();
    await card(0).getByRole('button', { name: 'Accept #1' }).click();
    await page.getByRole('button', { name: 'Record 1 accepted' }).click();
    await page.locator('.review-message', { hasText: 'Recorded 0 events (1 already recorded)' }).waitFor();
    expect(await stored(web, 'metal-tariffs-review')).toHaveLength(3);
    await page.locator('.review').screenshot({ path: join(screenshotDir(), 'review-panel.png') });
    expect(web.problems).toEqual([]);
  }, 120_000);

  it('given no write token, when the accepted drafts are recorded, then the refusal is shown and nothing is recorded', async () => {
    const { page } = web;
    await page.evaluate(`sessionStorage.removeItem('parley-token')`);
    await openView(page, '?negotiation=nafta-renegotiation&issue=auto-rules-of-origin');
    await page.getByRole('tab', { name: 'Review an article' }).click();
    await page.locator('#review-text').fill(ARTICLE);
    await page.locator('#review-published').fill('2019-05-17');
    await page.locator('#review-negotiation').fill('metal-tariffs-refused');
    await page.getByRole('button', { name: 'Propose events' }).click();
    const first = page.locator('li.review-draft').first();
    await first.getByRole('button', { name: 'Accept #1' }).click();
    await page.getByRole('button', { name: 'Record 1 accepted' }).click();
    const alert = page.locator('.review-message[role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Nothing was recorded');
    expect(await first.getAttribute('data-decision')).toBe('accepted');
    expect(await stored(web, 'metal-tariffs-refused')).toEqual([]);
    web.problems.splice(0, web.problems.length);
  }, 60_000);
});

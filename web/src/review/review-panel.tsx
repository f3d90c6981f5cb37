import { useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { formatPartialDate, partyName, slugLabel, typeLabel } from '../model';
import type { PanelContext } from '../panels';
import { DraftEditor } from './draft-editor';
import { extractArticle } from './review-api';
import { batchOf, canAccept, Decision, Extraction, openFields, piecesOf, ReviewItem, reviewItems, withProblems } from './review-model';
import './review.css';

const DECISION_LABEL: Record<Decision, string> = { pending: 'to review', accepted: 'accepted', rejected: 'rejected', recorded: 'recorded' };

/**
 * Review an article: paste it, get draft events from POST /extract, see each draft's quote
 * highlighted in the text, accept, edit or reject each, then record the accepted ones in one
 * all-or-nothing batch (POST /events). Nothing is recorded before that.
 */
export const ReviewPanel = ({ token }: PanelContext) => {
  const [text, setText] = useState('');
  const [published, setPublished] = useState('');
  const [negotiation, setNegotiation] = useState('');
  const [extraction, setExtraction] = useState<Extraction | null>(null);
  const [items, setItems] = useState<ReviewItem[]>([]);
  const [article, setArticle] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  const propose = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await extractArticle({ text, published: published.trim() || undefined, negotiation: negotiation.trim() || undefined });
      setExtraction(result);
      setItems(reviewItems(result));
      setArticle(text);
      setEditing(null);
      setMessage({ kind: 'ok', text: `${result.drafts.length} draft${result.drafts.length === 1 ? '' : 's'} for ${result.negotiation.slug}. Nothing is recorded until you record the accepted ones.` });
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof ApiError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const update = (id: string, change: Partial<ReviewItem>) => setItems((current) => current.map((i) => (i.draft.id === id ? { ...i, ...change } : i)));
  const batch = batchOf(items);

  const record = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.record(batch, token);
      const ids = new Set(batch.map((e) => e.id));
      setItems((current) => current.map((i) => (ids.has(i.event.id) ? { ...i, decision: 'recorded', problem: undefined } : i)));
      setMessage({ kind: 'ok', text: `Recorded ${result.appended} event${result.appended === 1 ? '' : 's'}${result.duplicates ? ` (${result.duplicates} already recorded)` : ''}.` });
    } catch (error) {
      if (error instanceof ApiError) {
        setItems((current) => withProblems(current, error.problems));
        setMessage({ kind: 'error', text: `Nothing was recorded: ${error.message}` });
      } else setMessage({ kind: 'error', text: String(error) });
    } finally {
      setBusy(false);
    }
  };

  const pieces = useMemo(() => piecesOf(article.length, items.map((i) => i.draft)), [article, items]);
  const numberOf = (id: string) => items.findIndex((i) => i.draft.id === id) + 1;
  const decisionOf = (ids: string[]) => {
    const decisions = ids.map((id) => items.find((i) => i.draft.id === id)?.decision);
    return decisions.every((d) => d === 'rejected') ? 'rejected' : decisions.some((d) => d === 'accepted' || d === 'recorded') ? 'accepted' : 'pending';
  };
  const show = (id: string) => {
    setFocused(id);
    document.getElementById(`draft-${id}`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div class="review">
      <form class="review-input" onSubmit={propose} aria-label="Article to review">
        <label for="review-text">Article text</label>
        <textarea id="review-text" rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="Paste a news article (plain text)" />
        <div class="row">
          <label for="review-published">Published (YYYY-MM-DD)</label>
          <input id="review-published" type="text" value={published} onInput={(e) => setPublished(e.currentTarget.value)} placeholder="from the dateline" />
          <label for="review-negotiation">Negotiation</label>
          <input id="review-negotiation" type="text" value={negotiation} onInput={(e) => setNegotiation(e.currentTarget.value)} placeholder="matched from the text" />
          <button type="submit" class="primary" disabled={busy || text.trim() === ''}>
            Propose events
          </button>
        </div>
      </form>
      {message ? (
        <p class={message.kind === 'error' ? 'review-message field-error' : 'review-message'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      {extraction ? (
        <div class="review-body">
          <article class="review-article" aria-label="Article with the drafts' quotes highlighted">
            {pieces.map((p) =>
              p.drafts.length === 0 ? (
                <span key={p.start}>{article.slice(p.start, p.end)}</span>
              ) : (
                <mark
                  key={p.start}
                  class={`review-span ${decisionOf(p.drafts)}${p.drafts.includes(focused ?? '') ? ' focused' : ''}`}
                  data-drafts={p.drafts.join(' ')}
                  data-start={p.start}
                  data-end={p.end}
                  tabIndex={0}
                  title={p.drafts.map((id) => `#${numberOf(id)} ${typeLabel(items.find((i) => i.draft.id === id)!.event.type)}`).join(', ')}
                  onClick={() => show(p.drafts[0])}
                  onKeyDown={(e) => (e.key === 'Enter' ? show(p.drafts[0]) : undefined)}
                >
                  <sup class="review-number">{p.drafts.map(numberOf).join(',')}</sup>
                  {article.slice(p.start, p.end)}
                </mark>
              ),
            )}
          </article>
          <ol class="review-drafts" aria-label="Draft events">
            {items.map((item, i) => {
              const e = item.event;
              const open = openFields(item);
              return (
                <li
                  key={item.draft.id}
                  id={`draft-${item.draft.id}`}
                  class={`review-draft ${item.decision}${focused === item.draft.id ? ' focused' : ''}`}
                  data-draft={item.draft.id}
                  data-decision={item.decision}
                  onMouseEnter={() => setFocused(item.draft.id)}
                >
                  <h4>
                    #{i + 1} {typeLabel(e.type)} <span class="review-decision">({DECISION_LABEL[item.decision]}{item.edited ? ', edited' : ''})</span>
                  </h4>
                  <p class="review-facts">
                    {e.party ? `${partyName(e.party)}${item.draft.partyRole === 'other-actor' ? ' (other actor)' : ''} · ` : ''}
                    {e.issue ? `${slugLabel(e.issue)} · ` : ''}
                    {formatPartialDate(e.occurredAt.split('/').pop() as string)}
                    {e.occurredAt.includes('/') ? ` (between ${e.occurredAt.replace('/', ' and ')})` : ''} · {e.confidence}
                  </p>
                  <blockquote class="review-quote">{e.source?.quote}</blockquote>
                  <p class="muted review-why">Why: {item.draft.why.join(', ')}</p>
                  {open.length > 0 ? <p class="field-error">Complete before accepting: {open.join(', ')}</p> : null}
                  {item.problem ? <p class="field-error" role="alert">{item.problem}</p> : null}
                  {editing === item.draft.id ? (
                    <DraftEditor
                      event={e}
                      onCancel={() => setEditing(null)}
                      onSave={(edited) => {
                        update(item.draft.id, { event: edited, edited: true, problem: undefined });
                        setEditing(null);
                      }}
                    />
                  ) : item.decision === 'recorded' ? null : (
                    <div class="row">
                      <button type="button" aria-pressed={item.decision === 'accepted'} disabled={!canAccept(item)} onClick={() => update(item.draft.id, { decision: item.decision === 'accepted' ? 'pending' : 'accepted' })}>
                        Accept #{i + 1}
                      </button>
                      <button type="button" onClick={() => setEditing(item.draft.id)}>
                        Edit #{i + 1}
                      </button>
                      <button type="button" aria-pressed={item.decision === 'rejected'} onClick={() => update(item.draft.id, { decision: item.decision === 'rejected' ? 'pending' : 'rejected' })}>
                        Reject #{i + 1}
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <div class="review-actions">
            <button type="button" class="primary" disabled={busy || batch.length === 0} onClick={record}>
              Record {batch.length} accepted
            </button>
            <span class="muted">{items.filter((i) => i.decision === 'rejected').length} rejected · {items.filter((i) => i.decision === 'pending').length} to review</span>
          </div>
        </div>
      ) : null}
    </div>
  );
};

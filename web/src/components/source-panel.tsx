import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParleyEvent, StoredEvent, Term } from '../api';
import type { EventView, KnowledgeMark } from '../events-view';
import { formatInstant, formatPartialDate, formatTerm, formatValue, metricLabel, partyName, typeLabel } from '../model';
import { plainSummary } from '../plain';

const termsOf = (event: ParleyEvent): Array<Term & { scope?: string }> => (Array.isArray(event.data.terms) ? (event.data.terms as Term[]) : []);

/** The event's own fields that are not terms: tariff rates, probe subjects, rounds… */
const details = (event: ParleyEvent): Array<[string, string]> => {
  const rows: Array<[string, string]> = [];
  const d = event.data as Record<string, unknown>;
  const text = (key: string, label: string) => {
    if (typeof d[key] === 'string' && d[key] !== '') rows.push([label, d[key] as string]);
  };
  text('speaker', 'Speaker');
  text('threat', 'Threat');
  text('measure', 'Measure');
  text('authority', 'Authority');
  text('subject', 'Subject');
  text('product', 'Product');
  if (d.rate && typeof d.rate === 'object') {
    const rate = d.rate as { value: number; unit: string };
    rows.push(['Rate', formatValue(rate.value, rate.unit)]);
  }
  if (Array.isArray(d.targets)) rows.push(['Targets', (d.targets as string[]).map(partyName).join(', ')]);
  if (Array.isArray(d.beneficiaries)) rows.push(['Beneficiaries', (d.beneficiaries as string[]).map(partyName).join(', ')]);
  text('round', 'Round');
  text('location', 'Location');
  text('what', 'What');
  text('reason', 'Reason');
  text('effectiveOn', 'Effective on');
  text('until', 'Until');
  return rows;
};

const markText = (mark: KnowledgeMark): string => {
  const when = formatInstant(mark.by.recordedAt);
  switch (mark.kind) {
    case 'corrected': return `Corrected (recorded ${when})`;
    case 'retracted': return `Retracted (recorded ${when}): ${String(mark.by.data.reason ?? '')}`;
    case 'corrected-later': return `Not yet corrected at this moment; a correction was recorded ${when}`;
    case 'retracted-later': return `Not yet retracted at this moment; retracted ${when}`;
  }
};

const PRECISION_TEXT = { day: 'exact day', month: 'month only; counted from its last day', year: 'year only; counted from 31 December' } as const;

/** "Publisher, “Title”, 24 May 2018. “quote” (confidence: reported; Parley event id)". */
export const citation = (event: ParleyEvent, pageUrl: string): string => {
  const s = event.source ?? {};
  const parts = [s.publisher, s.title ? `“${s.title}”` : undefined, s.publishedAt ? formatPartialDate(s.publishedAt) : undefined, s.url].filter(Boolean);
  return `${parts.join(', ')}${s.quote ? `. Quote: “${s.quote}”` : ''} (confidence: ${event.confidence ?? 'not given'}; Parley event ${event.id}, ${pageUrl})`;
};

interface Props {
  view: EventView;
  original?: StoredEvent;
  counted: boolean;
  titleOf: (id: string) => string | undefined;
  canWrite: boolean;
  onClose: () => void;
  onGoToDay: (day: string) => void;
  onKnownAt: (knownAt: string) => void;
  onCorrect: (view: EventView) => void;
  onRetract: (view: EventView) => void;
}

/**
 * The source of one event, pinned until closed: what it says, the verbatim quote, who published
 * it where and when, how sure it is, a citation to copy; "as known just before this correction"
 * and "go to this day" are separate buttons, so reading never moves the date.
 */
export const SourcePanel = ({ view, original, counted, titleOf, canWrite, onClose, onGoToDay, onKnownAt, onCorrect, onRetract }: Props) => {
  const { entry } = view;
  const event = entry.event;
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => heading.current?.focus(), [view.id]);
  const correction = view.marks.find((m) => m.kind === 'corrected');
  const originalTerms = correction && original ? termsOf(original) : [];
  const source = event.source;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(citation(event, window.location.href));
      setCopied('Citation copied');
    } catch {
      setCopied('The clipboard is not available here');
    }
  };
  return (
    <aside
      class={`source-panel${view.retracted ? ' is-retracted' : ''}`}
      id="source-panel"
      aria-labelledby="source-panel-heading"
      data-event-id={view.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div class="source-panel-head">
        <h2 id="source-panel-heading" tabIndex={-1} ref={heading}>
          Source: {typeLabel(event.type)}
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label="Close the source panel">
          ×
        </button>
      </div>
      <p class="source-meta">
        {partyName(event.party)} · <time dateTime={event.occurredAt}>{formatPartialDate(event.occurredAt, entry.precision)}</time>{' '}
        <span class="muted">({PRECISION_TEXT[entry.precision]})</span>
      </p>
      <p class="source-summary">{plainSummary(event, titleOf)}</p>
      {view.marks.map((mark) => (
        <p class={`mark mark-${mark.kind}`} key={mark.by.id}>
          {markText(mark)}
        </p>
      ))}
      {termsOf(event).length > 0 ? (
        <dl class="terms">
          {termsOf(event).map((term, i) => (
            <Fragment key={`${term.metric}-${i}`}>
              <dt>{metricLabel(term.metric)}</dt>
              <dd>
                <strong>{formatTerm(term)}</strong>
                {term.scope ? <span class="scope"> · {term.scope.replace(/-/g, ' ')}</span> : null}
                {term.value !== undefined && term.text ? <span class="muted"> — {term.text}</span> : null}
                {term.note ? <span class="note">{term.note}</span> : null}
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {originalTerms.length > 0 ? (
        <p class="original">Originally recorded: {originalTerms.map((t) => `${metricLabel(t.metric)} ${formatTerm(t)}`).join('; ')}</p>
      ) : null}
      {details(event).length > 0 ? (
        <dl class="details">
          {details(event).map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {source ? (
        <div class="source">
          {source.quote ? <blockquote>“{source.quote}”</blockquote> : <p class="muted">No verbatim quote recorded.</p>}
          <dl class="details">
            <dt>Publisher</dt>
            <dd>{source.publisher ?? 'not recorded'}</dd>
            <dt>Title</dt>
            <dd>{source.url ? <a href={source.url} rel="noreferrer">{source.title ?? source.url}</a> : (source.title ?? 'not recorded')}</dd>
            <dt>Published</dt>
            <dd>{source.publishedAt ? formatPartialDate(source.publishedAt) : 'date not recorded'}</dd>
            {source.document ? (
              <>
                <dt>Stored text</dt>
                <dd>
                  <a href={`/sources/${encodeURIComponent(source.document)}`} target="_blank" rel="noreferrer">
                    {source.document}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : (
        <p class="muted">No source recorded.</p>
      )}
      <p class={`confidence confidence-${event.confidence ?? 'none'}`}>Confidence: {event.confidence ?? 'not given'}</p>
      <p class="muted small">
        {counted ? 'Counted' : 'Not yet counted'} on the chosen day · recorded {formatInstant(entry.recordedAt)} · id {event.id}
      </p>
      <div class="row actions">
        <button type="button" onClick={() => onGoToDay(entry.countsFrom)}>
          Go to this day
        </button>
        <button type="button" onClick={copy}>
          Copy citation
        </button>
        {correction ? (
          <button type="button" onClick={() => onKnownAt(new Date(Date.parse(correction.by.recordedAt) - 1).toISOString())}>
            As known before this correction
          </button>
        ) : null}
        {canWrite && !view.retracted ? (
          <>
            <button type="button" onClick={() => onCorrect(view)}>
              Correct…
            </button>
            <button type="button" onClick={() => onRetract(view)}>
              Retract…
            </button>
          </>
        ) : null}
        <span role="status" class="small muted">{copied}</span>
      </div>
    </aside>
  );
};

import { Fragment } from 'preact';
import type { ParleyEvent, StoredEvent, Term } from '../api';
import type { EventView, KnowledgeMark } from '../events-view';
import { formatInstant, formatPartialDate, formatTerm, formatValue, metricLabel, partyName, typeLabel } from '../model';

const termsOf = (event: ParleyEvent): Term[] => (Array.isArray(event.data.terms) ? (event.data.terms as Term[]) : []);

/** The event's own fields that are not terms: tariff rates, probe subjects, quotes, rounds… */
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
  text('agency', 'Agency');
  text('product', 'Product');
  if (d.rate && typeof d.rate === 'object') {
    const rate = d.rate as { value: number; unit: string };
    rows.push(['Rate', formatValue(rate.value, rate.unit)]);
  }
  if (Array.isArray(d.targets)) rows.push(['Targets', (d.targets as string[]).map(partyName).join(', ')]);
  if (Array.isArray(d.beneficiaries)) rows.push(['Beneficiaries', (d.beneficiaries as string[]).map(partyName).join(', ')]);
  if (Array.isArray(d.parties)) rows.push(['Parties', (d.parties as string[]).map(partyName).join(', ')]);
  text('round', 'Round');
  text('location', 'Location');
  text('deadline', 'Deadline');
  text('what', 'What');
  text('reason', 'Reason');
  text('respondsTo', 'Responds to');
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

interface Props {
  view: EventView;
  original?: StoredEvent;
  counted: boolean;
  id: string;
  style?: Record<string, string>;
}

/** Terms, source and verbatim quote of one event. */
export const EventCard = ({ view, original, counted, id, style }: Props) => {
  const { entry } = view;
  const event = entry.event;
  const corrected = view.marks.some((m) => m.kind === 'corrected');
  const originalTerms = corrected && original ? termsOf(original) : [];
  return (
    <div class={`event-card${view.retracted ? ' is-retracted' : ''}`} id={id} role="tooltip" style={style}>
      <p class="event-card-meta">
        <span class={`kind kind-${event.type}`}>{typeLabel(event.type)}</span>
        {' · '}
        {partyName(event.party)}
        {' · '}
        <time dateTime={event.occurredAt}>{formatPartialDate(event.occurredAt, entry.precision)}</time>
        {entry.precision !== 'day' ? <span class="muted"> ({entry.precision}; counts from {formatPartialDate(entry.countsFrom)})</span> : null}
      </p>
      <p class="event-card-summary">{entry.summary}</p>
      {view.marks.map((mark) => (
        <p class={`mark mark-${mark.kind}`} key={mark.by.id}>{markText(mark)}</p>
      ))}
      {termsOf(event).length > 0 ? (
        <dl class="terms">
          {termsOf(event).map((term, i) => (
            <Fragment key={`${term.metric}-${i}`}>
              <dt>{metricLabel(term.metric)}</dt>
              <dd>
                <strong>{formatTerm(term)}</strong>
                {term.value !== undefined && term.text ? <span class="muted"> — {term.text}</span> : null}
                {term.note ? <span class="note">{term.note}</span> : null}
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {originalTerms.length > 0 ? (
        <p class="original">
          Originally recorded: {originalTerms.map((t) => `${metricLabel(t.metric)} ${formatTerm(t)}`).join('; ')}
        </p>
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
      {event.source ? (
        <div class="source">
          {event.source.quote ? <blockquote>“{event.source.quote}”</blockquote> : null}
          <p class="muted">
            {event.source.url ? <a href={event.source.url}>{event.source.title ?? event.source.url}</a> : (event.source.title ?? 'Source')}
            {event.source.publisher ? `, ${event.source.publisher}` : ''}
            {event.source.publishedAt ? `, ${formatPartialDate(event.source.publishedAt)}` : ''}
            {event.confidence ? ` · ${event.confidence}` : ''}
          </p>
        </div>
      ) : (
        <p class="muted">No source recorded.</p>
      )}
      <p class="muted small">
        {counted ? 'Counted' : 'Not yet counted'} as of the chosen day · recorded {formatInstant(entry.recordedAt)} · id {event.id}
      </p>
    </div>
  );
};

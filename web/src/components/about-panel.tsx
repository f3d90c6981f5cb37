import type { EventView } from '../events-view';
import { formatPartialDate, slugLabel } from '../model';

interface Document {
  key: string;
  title: string;
  publisher?: string;
  publishedAt?: string;
  document?: string;
  url?: string;
  events: number;
  confidence: Record<string, number>;
}

/** The documents the negotiation's events rest on, with their dates and how many events each carries. */
export const documentsOf = (views: readonly EventView[]): Document[] => {
  const byKey = new Map<string, Document>();
  for (const { entry } of views) {
    const s = entry.event.source;
    const key = s?.document ?? s?.url ?? s?.title ?? '(no source)';
    const doc = byKey.get(key) ?? { key, title: s?.title ?? 'No source recorded', publisher: s?.publisher, publishedAt: s?.publishedAt, document: s?.document, url: s?.url, events: 0, confidence: {} };
    doc.events += 1;
    const c = entry.event.confidence ?? 'not given';
    doc.confidence[c] = (doc.confidence[c] ?? 0) + 1;
    byKey.set(key, doc);
  }
  return [...byKey.values()].sort((a, b) => (a.publishedAt ?? '9999').localeCompare(b.publishedAt ?? '9999'));
};

/** What the recorded events themselves show to be missing: ends never recorded, dates known only roughly. */
export const knownGaps = (views: readonly EventView[]): string[] => {
  const events = views.filter((v) => !v.retracted).map((v) => v.entry);
  const types = new Set(events.map((e) => e.event.type));
  const gaps: string[] = [];
  const rough = events.filter((e) => e.precision !== 'day').length;
  if (rough > 0) gaps.push(`${rough} of ${events.length} events are dated only to a month or a year; each counts from the last day of its window.`);
  if (types.has('TariffImposed') && !types.has('TariffLifted')) gaps.push('Tariffs are recorded as imposed but no lifting is recorded: they stay “in force” on every later day here.');
  if (types.has('ProbeLaunched') && !types.has('ProbeConcluded')) gaps.push('Probes are recorded as opened but no conclusion is recorded: they stay “open” on every later day here.');
  const issues = new Set(events.map((e) => e.event.issue).filter((i): i is string => !!i));
  const agreed = new Set(events.filter((e) => e.event.type === 'AgreementReached').map((e) => e.event.issue));
  const open = [...issues].filter((i) => !agreed.has(i));
  if (open.length > 0) gaps.push(`No agreement is recorded on ${open.map(slugLabel).join(', ')}.`);
  const undated = events.filter((e) => !e.event.source?.publishedAt).length;
  if (undated > 0) gaps.push(`${undated} events rest on sources with no publication date.`);
  return gaps;
};

/** "About this data": which documents the negotiation rests on, their dates, what is known to be missing. */
export const AboutPanel = ({ views, title }: { views: readonly EventView[]; title: string }) => {
  const documents = documentsOf(views);
  const gaps = knownGaps(views);
  return (
    <section class="panel about" aria-labelledby="about-heading" id="about">
      <details>
        <summary>
          <h2 id="about-heading">About this data</h2>
        </summary>
        <p class="small">
          {title}: {views.length} events from {documents.length} source{documents.length === 1 ? '' : 's'}. Each event keeps its source and a verbatim quote.
        </p>
        <ul class="plain small documents">
          {documents.map((d) => (
            <li key={d.key}>
              <strong>{d.publisher ?? 'Unknown publisher'}</strong>, {d.url ? <a href={d.url}>{d.title}</a> : d.title}
              {d.publishedAt ? ` (${formatPartialDate(d.publishedAt)})` : ' (no publication date)'} · {d.events} event{d.events === 1 ? '' : 's'}
              {' · '}
              {Object.entries(d.confidence).map(([c, count]) => `${count} ${c}`).join(', ')}
              {d.document ? (
                <>
                  {' · '}
                  <a href={`/sources/${encodeURIComponent(d.document)}`} target="_blank" rel="noreferrer">
                    stored text
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
        {gaps.length > 0 ? (
          <>
            <h3>Known to be missing or rough</h3>
            <ul class="small">
              {gaps.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p class="small muted">“Known at” is the moment an event was recorded in this store, not when it happened: the bundled history was recorded when the store was created.</p>
      </details>
    </section>
  );
};

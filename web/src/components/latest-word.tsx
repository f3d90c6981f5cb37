import type { EventView } from '../events-view';
import { formatPartialDate, orderParties, partyName } from '../model';

/** Each party's latest statement counted on the chosen day: who said what, when (select it for the source). */
export const LatestWord = ({ views, isCounted, onOpen }: { views: readonly EventView[]; isCounted: (v: EventView) => boolean; onOpen: (id: string) => void }) => {
  const latest = new Map<string, EventView>();
  for (const v of views) {
    const { event } = v.entry;
    if (event.type !== 'StatementIssued' || !event.party || !isCounted(v)) continue;
    latest.set(event.party, v); // views are in valid-time order: the last one wins
  }
  if (latest.size === 0) return null;
  return (
    <section class="panel" aria-labelledby="latest-word-heading" id="latest-word">
      <h2 id="latest-word-heading">Latest word</h2>
      <ul class="plain small">
        {orderParties(latest.keys()).map((party) => {
          const v = latest.get(party) as EventView;
          const d = v.entry.event.data as { speaker?: string; quote?: string };
          return (
            <li key={party} data-event-id={v.id}>
              <button type="button" class="link-button" onClick={() => onOpen(v.id)}>
                {partyName(party)}
              </button>
              , {formatPartialDate(v.entry.event.occurredAt, v.entry.precision)}
              {d.speaker ? ` (${d.speaker})` : ''}: “{d.quote}”
            </li>
          );
        })}
      </ul>
    </section>
  );
};

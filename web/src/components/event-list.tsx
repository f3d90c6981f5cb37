import { useRef } from 'preact/hooks';
import type { EventView } from '../events-view';
import { formatPartialDate, kindOf, partyShort, slugLabel, typeLabel } from '../model';
import { plainSummary } from '../plain';

interface Props {
  views: EventView[];
  selectedId: string | undefined;
  isCounted: (view: EventView) => boolean;
  fresh: ReadonlySet<string>;
  issue: string;
  colourOf: (party: string) => string;
  titleOf: (id: string) => string | undefined;
  onOpen: (id: string) => void;
}

const MARK_LABEL = { corrected: 'corrected', retracted: 'retracted', 'corrected-later': 'corrected later', 'retracted-later': 'retracted later' } as const;

/**
 * The events in valid-time order, one tab stop: arrow keys (Home/End) move between them, Enter or
 * a click pins the event's source panel (the day does not move).
 */
export const EventList = ({ views, selectedId, isCounted, fresh, issue, colourOf, titleOf, onOpen }: Props) => {
  const list = useRef<HTMLOListElement>(null);
  const current = views.findIndex((v) => v.id === selectedId);
  const tabStop = current === -1 ? 0 : current;

  const focusAt = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button.event-item');
    buttons?.[Math.max(0, Math.min(index, (buttons?.length ?? 1) - 1))]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: views.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusAt(moves[event.key]);
    }
  };

  if (views.length === 0) return <p class="muted">No event matches the filters.</p>;
  return (
    <ol class="event-list" id="event-list" ref={list} aria-label="Events in date order" aria-describedby="event-list-help">
      {views.map((view, index) => {
        const { event } = view.entry;
        const counted = isCounted(view);
        const classes = [
          'event-item',
          counted ? 'is-counted' : 'is-future',
          view.retracted ? 'is-retracted' : '',
          fresh.has(view.id) ? 'is-fresh' : '',
          event.issue === issue ? 'is-issue' : '',
        ].filter(Boolean).join(' ');
        const party = event.party ?? 'joint';
        return (
          <li key={view.id}>
            <button
              type="button"
              class={classes}
              data-event-id={view.id}
              data-kind={kindOf(event.type)}
              tabIndex={index === tabStop ? 0 : -1}
              aria-current={selectedId === view.id ? 'true' : undefined}
              aria-controls={selectedId === view.id ? 'source-panel' : undefined}
              onKeyDown={(e) => onKeyDown(e, index)}
              onClick={() => onOpen(view.id)}
            >
              <time dateTime={event.occurredAt} class="event-date">
                {formatPartialDate(event.occurredAt, view.entry.precision)}
              </time>
              <span class="swatch" data-party={party} title={party}>
                <span class="dot" style={{ background: colourOf(party) }} aria-hidden="true" />
                {partyShort(event.party)}
              </span>
              <span class="event-type">{typeLabel(event.type)}</span>
              <span class="event-summary">{plainSummary(event, titleOf)}</span>
              <span class="event-badges">
                {event.confidence && event.confidence !== 'confirmed' ? (
                  <span class={`badge badge-confidence-${event.confidence}`}>{event.confidence}</span>
                ) : null}
                {event.issue && event.issue !== issue ? <span class="badge">{slugLabel(event.issue)}</span> : null}
                {!counted && !view.retracted ? <span class="badge badge-future">not yet counted</span> : null}
                {view.marks.map((mark) => (
                  <span class={`badge badge-${mark.kind}`} key={mark.by.id}>
                    {MARK_LABEL[mark.kind]}
                  </span>
                ))}
                {fresh.has(view.id) ? <span class="badge badge-new">new</span> : null}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
};

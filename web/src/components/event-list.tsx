import { useRef } from 'preact/hooks';
import type { EventView } from '../events-view';
import { formatPartialDate, kindOf, partyShort, slugLabel, typeLabel } from '../model';

interface Props {
  views: EventView[];
  activeId: string | undefined;
  isCounted: (view: EventView) => boolean;
  fresh: ReadonlySet<string>;
  cardId: string;
  cardFor: string | undefined;
  issue: string;
  colourOf: (party: string) => string;
  onActivate: (id: string, element: Element) => void;
  onLeave: () => void;
  onPick: (id: string) => void;
}

const MARK_LABEL = { corrected: 'corrected', retracted: 'retracted', 'corrected-later': 'corrected later', 'retracted-later': 'retracted later' } as const;

/**
 * The events in valid-time order, one tab stop: arrow keys (Home/End) move between them and show
 * each one's card, Enter moves the as-of day to the event.
 */
export const EventList = ({ views, activeId, isCounted, fresh, cardId, cardFor, issue, colourOf, onActivate, onLeave, onPick }: Props) => {
  const list = useRef<HTMLOListElement>(null);
  const current = views.findIndex((v) => v.id === activeId);
  const tabStop = current === -1 ? 0 : current;

  const focusAt = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button.event-item');
    const button = buttons?.[Math.max(0, Math.min(index, (buttons?.length ?? 1) - 1))];
    button?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: views.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusAt(moves[event.key]);
    } else if (event.key === 'Escape') {
      onLeave();
    }
  };

  return (
    <ol class="event-list" ref={list} aria-label="Events in date order" aria-describedby="event-list-help">
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
        return (
          <li key={view.id}>
            <button
              type="button"
              class={classes}
              data-event-id={view.id}
              data-kind={kindOf(event.type)}
              tabIndex={index === tabStop ? 0 : -1}
              aria-describedby={cardFor === view.id ? cardId : undefined}
              aria-current={activeId === view.id ? 'true' : undefined}
              onFocus={(e) => onActivate(view.id, e.currentTarget)}
              onBlur={onLeave}
              onMouseEnter={(e) => onActivate(view.id, e.currentTarget)}
              onMouseLeave={onLeave}
              onKeyDown={(e) => onKeyDown(e, index)}
              onClick={() => onPick(view.id)}
            >
              <time dateTime={event.occurredAt} class="event-date">{formatPartialDate(event.occurredAt, view.entry.precision)}</time>
              <span class="swatch" data-party={event.party ?? 'joint'} style={{ background: colourOf(event.party ?? 'joint') }}>{partyShort(event.party)}</span>
              <span class="event-type">{typeLabel(event.type)}</span>
              <span class="event-summary">{view.entry.summary}</span>
              <span class="event-badges">
                {event.issue && event.issue !== issue ? <span class="badge">{slugLabel(event.issue)}</span> : null}
                {!counted && !view.retracted ? <span class="badge badge-future">not yet counted</span> : null}
                {view.marks.map((mark) => (
                  <span class={`badge badge-${mark.kind}`} key={mark.by.id}>{MARK_LABEL[mark.kind]}</span>
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

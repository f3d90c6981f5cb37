import type { StoredEvent } from '../api';
import type { LiveStatus } from '../live';
import { formatInstant, partyName, typeLabel } from '../model';

export interface LiveArrival {
  event: StoredEvent;
  position: string;
  receivedAt: string;
}

const STATUS_TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting to the live stream…',
  open: 'Live: new events appear as they are recorded.',
  reconnecting: 'Connection lost; reconnecting and resuming where it stopped…',
};

/** The live stream's state and the events it brought since the page opened. */
export const LivePanel = ({ status, arrivals }: { status: LiveStatus; arrivals: LiveArrival[] }) => (
  <section class="panel live-panel" aria-labelledby="live-heading">
    <h2 id="live-heading">
      <span class={`live-dot live-${status}`} aria-hidden="true" /> Live
    </h2>
    <p class="small" role="status" data-live-status={status}>
      {STATUS_TEXT[status]}
    </p>
    {arrivals.length > 0 ? (
      <ul class="plain arrivals">
        {arrivals.map((a) => (
          <li key={a.event.id} data-event-id={a.event.id}>
            <strong>{typeLabel(a.event.type)}</strong>
            {a.event.party ? ` by ${partyName(a.event.party)}` : ''}
            <span class="muted small">
              {' '}
              · #{a.position} · recorded {formatInstant(a.event.recordedAt ?? a.receivedAt)}
            </span>
          </li>
        ))}
      </ul>
    ) : null}
  </section>
);

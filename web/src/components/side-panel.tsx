import type { PossibleEvent, ProbesAnswer, TariffLine, TariffsAnswer } from '../api';
import { formatPartialDate, formatValue, partyName } from '../model';

const target = (line: TariffLine): string =>
  line.target === '*'
    ? `everyone${line.except && line.except.length > 0 ? ` except ${line.except.map(partyName).join(', ')}` : ''}`
    : partyName(line.target);

type ShownLine = TariffLine & { confidence?: string };


const Line = ({ line, when }: { line: ShownLine; when: string }) => (
  <li data-event-id={line.eventId} data-target={line.target}>
    <strong>{line.rate ? formatValue(line.rate.value, line.rate.unit) : 'rate not given'}</strong> on {line.product}
    <span class="muted">
      {' '}
      ({line.measure}) · {target(line)} · {when}
      {line.since ? ` ${formatPartialDate(line.since)}` : ' (no date given)'}
    </span>
    {line.confidence && line.confidence !== 'confirmed' ? <span class={`badge badge-confidence-${line.confidence}`}>{line.confidence}</span> : null}
    {line.exemption ? <span class="muted"> · exempted{line.exemption.until ? ` until ${formatPartialDate(line.exemption.until)}` : ''}</span> : null}
    {line.exemptions && line.exemptions.length > 0 ? (
      <span class="muted"> · exemptions: {line.exemptions.map((e) => partyName(e.beneficiary)).join(', ')}</span>
    ) : null}
  </li>
);

interface Props {
  tariffs: TariffsAnswer | null;
  tariffsStale: boolean;
  probes: ProbesAnswer | null;
  probesStale: boolean;
  asOfLabel: string;
  /** Countries to filter tariffs by (the negotiation's). */
  countries: string[];
  target: string | undefined;
  onTarget: (target: string | undefined) => void;
}

const StaleLabel = ({ stale, answer }: { stale: boolean; answer: { asOf: string } | null }) =>
  stale && answer ? <p class="stale-label">Not updated — still showing {formatPartialDate(answer.asOf)}.</p> : null;

/** "Possibly by this date": what may already have happened (its date window has begun), apart from what has. */
export const PossibleList = ({ items, id }: { items: PossibleEvent[] | undefined; id: string }) =>
  items && items.length > 0 ? (
    <>
      <h3>Possibly by this date</h3>
      <ul class="plain possible" id={id}>
        {items.map((item) => (
          <li key={item.eventId} data-event-id={item.eventId}>
            {item.summary}
            <span class="muted">
              {' '}
              · some time between {formatPartialDate(item.window.from)} and {formatPartialDate(item.window.to)} · {item.confidence}
            </span>
          </li>
        ))}
      </ul>
    </>
  ) : null;

/** Tariffs in force (filtered by country) and the negotiation's open probes as of the chosen day, as known at the chosen moment. */
export const SidePanel = ({ tariffs, tariffsStale, probes, probesStale, asOfLabel, countries, target, onTarget }: Props) => (
  <>
    <section class={`panel${tariffsStale ? ' is-stale' : ''}`} aria-labelledby="tariffs-heading" id="tariffs">
      <h2 id="tariffs-heading">Tariffs in force</h2>
      <p class="muted small">{asOfLabel}</p>
      <label class="inline-field">
        On{' '}
        <select id="tariff-target" value={target ?? ''} onChange={(e) => onTarget(e.currentTarget.value || undefined)}>
          <option value="">every country</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {partyName(c)}
            </option>
          ))}
        </select>
      </label>
      <StaleLabel stale={tariffsStale} answer={tariffs} />
      {!tariffs ? (
        <p class="muted">Loading…</p>
      ) : tariffs.inForce.length === 0 ? (
        <p class="muted">None in force{target ? ` on ${partyName(target)}` : ''}.</p>
      ) : (
        <ul class="plain" id="tariffs-in-force">
          {tariffs.inForce.map((line) => (
            <Line key={`${line.eventId}-${line.target}`} line={line} when="since" />
          ))}
        </ul>
      )}
      <PossibleList items={tariffs?.possible} id="tariffs-possible" />
      {tariffs && tariffs.announced.length > 0 ? (
        <>
          <h3>Announced</h3>
          <ul class="plain">
            {tariffs.announced.map((line) => (
              <Line key={`${line.eventId}-${line.target}`} line={line} when="from" />
            ))}
          </ul>
        </>
      ) : null}
      <p class="muted small">Only what the recorded events say: a lifting that was never recorded does not end a tariff here.</p>
    </section>
    <section class={`panel${probesStale ? ' is-stale' : ''}`} aria-labelledby="probes-heading" id="probes">
      <h2 id="probes-heading">Open probes</h2>
      <StaleLabel stale={probesStale} answer={probes} />
      {!probes ? (
        <p class="muted">Loading…</p>
      ) : probes.open.length === 0 ? (
        <p class="muted">No probe open.</p>
      ) : (
        <ul class="plain">
          {probes.open.map((probe) => (
            <li key={probe.eventId} data-event-id={probe.eventId}>
              <strong>{probe.authority}</strong>: {probe.subject}
              <span class="muted">
                {' '}
                · {partyName(probe.party)} · open since {formatPartialDate(probe.since)}
              </span>
              {probe.confidence && probe.confidence !== 'confirmed' ? <span class={`badge badge-confidence-${probe.confidence}`}>{probe.confidence}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <PossibleList items={probes?.possible} id="probes-possible" />
    </section>
  </>
);

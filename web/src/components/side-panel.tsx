import type { ProbesAnswer, TariffLine, TariffsAnswer } from '../api';
import { formatPartialDate, formatValue, partyName, slugLabel } from '../model';

const target = (line: TariffLine): string =>
  line.target === '*'
    ? `everyone${line.except && line.except.length > 0 ? ` except ${line.except.map(partyName).join(', ')}` : ''}`
    : partyName(line.target);

const Line = ({ line, when }: { line: TariffLine; when: string }) => (
  <li>
    <strong>{line.rate ? formatValue(line.rate.value, line.rate.unit) : 'rate not given'}</strong> on {line.product}
    <span class="muted">
      {' '}
      ({line.measure}) · {target(line)} · {when}
      {line.since ? ` ${formatPartialDate(line.since)}` : ' (no date given)'}
    </span>
    {line.exemption ? <span class="muted"> · exempted{line.exemption.until ? ` until ${formatPartialDate(line.exemption.until)}` : ''}</span> : null}
    {line.exemptions && line.exemptions.length > 0 ? (
      <span class="muted"> · exemptions: {line.exemptions.map((e) => partyName(e.beneficiary)).join(', ')}</span>
    ) : null}
  </li>
);

interface Props {
  tariffs: TariffsAnswer | null;
  probes: ProbesAnswer | null;
  negotiation: string;
  asOfLabel: string;
}

/** Tariffs in force (and announced) and open probes as of the chosen day, as known at the chosen moment. */
export const SidePanel = ({ tariffs, probes, negotiation, asOfLabel }: Props) => (
  <>
    <section class="panel" aria-labelledby="tariffs-heading" id="tariffs">
      <h2 id="tariffs-heading">Tariffs in force</h2>
      <p class="muted small">{asOfLabel}</p>
      {!tariffs ? (
        <p class="muted">Loading…</p>
      ) : tariffs.inForce.length === 0 ? (
        <p class="muted">None in force.</p>
      ) : (
        <ul class="plain">
          {tariffs.inForce.map((line) => (
            <Line key={`${line.eventId}-${line.target}`} line={line} when="since" />
          ))}
        </ul>
      )}
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
    </section>
    <section class="panel" aria-labelledby="probes-heading" id="probes">
      <h2 id="probes-heading">Open probes</h2>
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
                {probe.negotiation !== negotiation ? ` · ${slugLabel(probe.negotiation)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  </>
);

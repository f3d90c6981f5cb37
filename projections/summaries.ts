import { ParleyEvent, Term } from '../events';
import { termKey } from './position-terms';

const MAX_TEXT = 140;

/** One line, at most MAX_TEXT characters (an ellipsis marks the cut). */
const clip = (text: string, max = MAX_TEXT): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
};

/** A scoped term names its scope, so a one-line summary never passes off a part for the whole. */
const termText = (term: Term): string => {
  const key = termKey(term);
  return term.value !== undefined && term.unit !== undefined ? `${key} ${term.value} ${term.unit}` : `${key} "${clip(term.text ?? '', 80)}"`;
};

const termsText = (terms: readonly Term[]): string => terms.map(termText).join('; ');

const list = (items: readonly string[]): string => items.join(', ');

const who = (event: ParleyEvent, otherwise: string): string => event.party ?? otherwise;

const on = (event: ParleyEvent): string => (event.issue ? ` on ${event.issue}` : '');

const respondsTo = (id: string | undefined): string => (id ? ` (responds to ${id})` : '');

/** One human-readable line per event, for timelines and the CLI. */
export const summarize = (event: ParleyEvent): string => {
  switch (event.type) {
    case 'DemandTabled':
      return `${who(event, '?')} demand${on(event)}: ${termsText(event.data.terms)}`;
    case 'OfferMade':
      return `${who(event, '?')} offer${on(event)}: ${termsText(event.data.terms)}${respondsTo(event.data.respondsTo)}`;
    case 'CounterofferMade':
      return `${who(event, '?')} counteroffer${on(event)}: ${termsText(event.data.terms)}${respondsTo(event.data.respondsTo)}`;
    case 'ProposalRejected':
      return `${who(event, '?')} rejects ${event.data.respondsTo}${on(event)}${event.data.reason ? `: ${clip(event.data.reason)}` : ''}`;
    case 'PositionWithdrawn':
      return `${who(event, '?')} withdraws its position${on(event)}: ${list(event.data.metrics)}`;
    case 'AgreementReached':
      return `${list(event.data.parties)} agree${on(event)}: ${termsText(event.data.terms)}`;
    case 'ProbeLaunched':
      return `${who(event, 'Someone')} launches a ${event.data.authority} probe: ${clip(event.data.subject)}` +
        (event.data.targets ? ` (targets ${list(event.data.targets)})` : '');
    case 'ProbeConcluded':
      return `${who(event, 'Someone')} concludes probe ${event.data.probe}: ${clip(event.data.finding)}`;
    case 'TariffAnnounced':
    case 'TariffImposed': {
      const { measure, product, rate, targets, effectiveOn } = event.data;
      const verb = event.type === 'TariffAnnounced' ? 'announces' : 'imposes';
      return `${who(event, 'Someone')} ${verb} ${measure} tariff on ${product}: ${rate.value} ${rate.unit} on ${list(targets)}` +
        (effectiveOn ? ` from ${effectiveOn}` : '');
    }
    case 'TariffLifted':
      return `${who(event, 'Someone')} lifts ${event.data.measure} tariff on ${event.data.product} for ${list(event.data.targets)}` +
        (event.data.effectiveOn ? ` from ${event.data.effectiveOn}` : '');
    case 'ExemptionGranted':
      return `${who(event, 'Someone')} exempts ${list(event.data.beneficiaries)} from ${event.data.measure} on ${event.data.product}` +
        (event.data.until ? ` until ${event.data.until}` : '');
    case 'NegotiationLaunched':
      return `${event.data.title} launched (${list(event.data.parties)})` + (event.data.agreement ? ` on ${event.data.agreement}` : '');
    case 'RoundHeld': {
      const { round, location, startedOn, endedOn } = event.data;
      const span = startedOn && endedOn ? ` (${startedOn} to ${endedOn})` : endedOn ? ` (ended ${endedOn})` : startedOn ? ` (from ${startedOn})` : '';
      return `Round ${round} held in ${location}${span}`;
    }
    case 'DeadlineSet':
      return `Deadline ${event.data.deadline}: ${clip(event.data.what)}`;
    case 'ThreatIssued':
      return `${who(event, 'Someone')} threatens${event.data.target ? ` ${event.data.target}` : ''}: ${clip(event.data.threat)}`;
    case 'StatementIssued':
      return `${clip(event.data.speaker, 60)}: "${clip(event.data.quote)}"`;
    case 'EventCorrected':
      return `Correction of ${event.data.corrects} (now ${event.data.replacement.type} dated ${event.data.replacement.occurredAt})`;
    case 'EventRetracted':
      return `Retraction of ${event.data.retracts}: ${clip(event.data.reason)}`;
  }
};

/**
 * Events in plain language for summaries, narration and the source panel: "Mexico offered 70 %
 * regional value content (overall vehicle content)", never metric slugs, unit names or event ids.
 */
import type { ParleyEvent, Term } from './api';
import { formatPartialDate, formatTerm, metricLabel, partyName } from './model';

const VERB: Record<string, string> = {
  DemandTabled: 'demanded', OfferMade: 'offered', CounterofferMade: 'countered with', AgreementReached: 'agreed on',
};

const termsOf = (event: Pick<ParleyEvent, 'data'>): Term[] => (Array.isArray(event.data.terms) ? (event.data.terms as Term[]) : []);

/** "70 % regional value content (whole vehicle)"; a qualitative term keeps its words. */
export const termPhrase = (term: Term & { scope?: string }): string => {
  const metric = metricLabel(term.metric).toLowerCase();
  // The scope says what the number is of; the term's longer text and note stay for the source panel and the table.
  const qualifier = term.scope ? term.scope.replace(/-/g, ' ') : '';
  const core = term.value !== undefined && term.unit !== undefined ? `${formatTerm(term)} ${metric}` : `${metric}: ${term.text ?? ''}`;
  return qualifier ? `${core} (${qualifier})` : core;
};

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One sentence for an event. `titleOf` turns a referenced event id into words (its own summary) when known. */
export const plainSummary = (event: ParleyEvent, titleOf: (id: string) => string | undefined = () => undefined): string => {
  const who = event.party ? partyName(event.party) : 'The parties';
  const d = event.data;
  const referenced = (id: unknown) => (typeof id === 'string' ? (titleOf(id) ?? 'an earlier proposal') : 'an earlier proposal');
  switch (event.type) {
    case 'DemandTabled':
    case 'OfferMade':
    case 'CounterofferMade':
      return `${who} ${VERB[event.type]} ${list(termsOf(event).map(termPhrase))}`;
    case 'AgreementReached':
      return `${list(((d.parties as string[]) ?? []).map(partyName)) || who} agreed on ${list(termsOf(event).map(termPhrase))}`;
    case 'ProposalRejected':
      return `${who} rejected ${referenced(d.respondsTo)}${str(d.reason) ? `: ${str(d.reason)}` : ''}`;
    case 'PositionWithdrawn':
      return `${who} withdrew its position on ${list(((d.metrics as string[]) ?? []).map((m) => metricLabel(m).toLowerCase()))}`;
    case 'NegotiationLaunched':
      return `${str(d.title)} launched by ${list(((d.parties as string[]) ?? []).map(partyName))}`;
    case 'RoundHeld':
      return `${str(d.round)} held in ${str(d.location)}`;
    case 'DeadlineSet':
      return `Deadline ${formatPartialDate(str(d.deadline))}: ${str(d.what)}`;
    case 'ThreatIssued':
      return `${who} threatened${d.target ? ` ${partyName(str(d.target))}` : ''}: ${str(d.threat)}`;
    case 'StatementIssued':
      return `${str(d.speaker) || who}: “${str(d.quote)}”`;
    case 'ProbeLaunched':
      return `${str(d.authority)} probe opened: ${str(d.subject)}`;
    case 'ProbeConcluded':
      return `Probe concluded: ${str(d.finding)}`;
    case 'TariffAnnounced':
    case 'TariffImposed': {
      const rate = d.rate as { value: number; unit: string } | undefined;
      const verb = event.type === 'TariffAnnounced' ? 'announced' : 'imposed';
      return `${who} ${verb} ${rate ? formatTerm({ metric: '', ...rate }) : 'a'} tariff on ${str(d.product)} from ${list(((d.targets as string[]) ?? []).map(partyName))} (${str(d.measure)})`;
    }
    case 'TariffLifted':
      return `${who} lifted the ${str(d.measure)} tariff on ${str(d.product)} for ${list(((d.targets as string[]) ?? []).map(partyName))}`;
    case 'ExemptionGranted':
      return `${who} exempted ${list(((d.beneficiaries as string[]) ?? []).map(partyName))} from the ${str(d.measure)} tariff on ${str(d.product)}`;
    case 'EventCorrected':
      return `Correction of ${referenced(d.corrects)}`;
    case 'EventRetracted':
      return `Retraction of ${referenced(d.retracts)}: ${str(d.reason)}`;
    default:
      return `${event.type}${event.party ? ` by ${who}` : ''}`;
  }
};

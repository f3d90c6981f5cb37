/** Names, kinds, colours and date arithmetic shared by the page's views. */
import type { PositionTerm, Precision, Term } from './api';

/** Every stored event type (the catalog in events/catalog.ts; a test keeps the two equal). */
export const EVENT_TYPES = [
  'NegotiationLaunched', 'RoundHeld', 'DeadlineSet', 'ThreatIssued', 'StatementIssued',
  'DemandTabled', 'OfferMade', 'CounterofferMade', 'ProposalRejected', 'PositionWithdrawn', 'AgreementReached',
  'ProbeLaunched', 'ProbeConcluded', 'TariffAnnounced', 'TariffImposed', 'TariffLifted', 'ExemptionGranted',
  'EventCorrected', 'EventRetracted',
] as const;

/** What the timeline's shape says: the kind of move an event is. */
export type EventKind =
  | 'offer' | 'counteroffer' | 'demand' | 'rejection' | 'agreement'
  | 'probe' | 'tariff' | 'round' | 'threat' | 'statement' | 'correction';

export const KIND_OF_TYPE: Record<(typeof EVENT_TYPES)[number], EventKind> = {
  NegotiationLaunched: 'round',
  RoundHeld: 'round',
  DeadlineSet: 'round',
  ThreatIssued: 'threat',
  StatementIssued: 'statement',
  DemandTabled: 'demand',
  OfferMade: 'offer',
  CounterofferMade: 'counteroffer',
  ProposalRejected: 'rejection',
  PositionWithdrawn: 'rejection',
  AgreementReached: 'agreement',
  ProbeLaunched: 'probe',
  ProbeConcluded: 'probe',
  TariffAnnounced: 'tariff',
  TariffImposed: 'tariff',
  TariffLifted: 'tariff',
  ExemptionGranted: 'tariff',
  EventCorrected: 'correction',
  EventRetracted: 'correction',
};

export const kindOf = (type: string): EventKind => (KIND_OF_TYPE as Record<string, EventKind>)[type] ?? 'statement';

/** Kinds in legend order, each with its Observable Plot symbol. */
export const KINDS: ReadonlyArray<[EventKind, string]> = [
  ['offer', 'diamond'],
  ['counteroffer', 'hexagon'],
  ['demand', 'triangle'],
  ['rejection', 'times'],
  ['agreement', 'star'],
  ['probe', 'square'],
  ['tariff', 'wye'],
  ['round', 'cross'],
  ['threat', 'asterisk'],
  ['statement', 'circle'],
];

/** Words for event types, for cards and narration. */
export const typeLabel = (type: string): string =>
  ({
    NegotiationLaunched: 'Negotiation launched', RoundHeld: 'Round held', DeadlineSet: 'Deadline set',
    ThreatIssued: 'Threat', StatementIssued: 'Statement', DemandTabled: 'Demand', OfferMade: 'Offer',
    CounterofferMade: 'Counteroffer', ProposalRejected: 'Proposal rejected', PositionWithdrawn: 'Position withdrawn',
    AgreementReached: 'Agreement', ProbeLaunched: 'Probe launched', ProbeConcluded: 'Probe concluded',
    TariffAnnounced: 'Tariff announced', TariffImposed: 'Tariff imposed', TariffLifted: 'Tariff lifted',
    ExemptionGranted: 'Exemption granted', EventCorrected: 'Correction', EventRetracted: 'Retraction',
  })[type] ?? type;

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : undefined;

const titleCase = (slug: string): string =>
  slug.split('-').map((word) => (word.length <= 3 && word === word.toUpperCase() ? word : word[0].toUpperCase() + word.slice(1))).join(' ');

/** "US" → "United States", "jaime-serra" → "Jaime Serra", "*" → "everyone". */
export const partyName = (party: string | null | undefined): string => {
  if (!party) return 'joint';
  if (party === '*') return 'everyone';
  if (/^[A-Z]{2}$/.test(party)) {
    if (party === 'EU') return 'European Union';
    return regionNames?.of(party) ?? party;
  }
  return titleCase(party);
};

/** Short name for table headers and legends: countries keep their code. */
export const partyShort = (party: string | null | undefined): string =>
  !party ? 'joint' : /^[A-Z]{2}$/.test(party) ? party : titleCase(party);

export const isCountry = (party: string | null | undefined): party is string => !!party && /^[A-Z]{2}$/.test(party);

/** "regional_value_content" → "Regional value content". */
const ACRONYMS: Record<string, string> = { us: 'US', usd: 'USD', eu: 'EU', mx: 'MX', ca: 'CA', usmca: 'USMCA', nafta: 'NAFTA', vat: 'VAT' };

export const metricLabel = (key: string): string => {
  // A scoped term's key is "metric@scope": "Regional value content (high value parts)".
  const [metric, scope] = key.split('@');
  const words = metric.split('_').map((word) => ACRONYMS[word] ?? word).join(' ');
  return `${words[0].toUpperCase()}${words.slice(1)}${scope ? ` (${scope.replace(/-/g, ' ')})` : ''}`;
};

/** "auto-rules-of-origin" → "Auto rules of origin". */
export const slugLabel = (slug: string): string => {
  const words = slug.replace(/-/g, ' ');
  return words[0].toUpperCase() + words.slice(1);
};

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** A value in its unit: "75 %", "$16/h", "5 years". */
export const formatValue = (value: number, unit: string): string => {
  const n = number.format(value);
  switch (unit) {
    case 'percent': return `${n} %`;
    case 'percentage_points': return `${n} pts`;
    case 'usd_per_hour': return `$${n}/h`;
    case 'usd_per_tonne': return `$${n}/t`;
    case 'usd_per_unit': return `$${n}/unit`;
    case 'usd': return `$${n}`;
    default: return `${n} ${unit.replace(/_/g, ' ')}`;
  }
};

/** The difference between two values in a unit: percent gaps are points. */
export const formatSpread = (spread: number, unit: string): string =>
  unit === 'percent' ? `${number.format(spread)} pts` : formatValue(spread, unit);

export const formatTerm = (term: Pick<PositionTerm, 'value' | 'unit' | 'text'> | Term): string =>
  term.value !== undefined && term.unit !== undefined ? formatValue(term.value, term.unit) : (term.text ?? '');

// ---- days (UTC, YYYY-MM-DD) -------------------------------------------------------------------

const DAY_MS = 86_400_000;

export const dayToDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
export const dateToDay = (date: Date): string => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string => dateToDay(new Date(dayToDate(day).getTime() + days * DAY_MS));
export const daysBetween = (from: string, to: string): number => Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / DAY_MS);
export const todayDay = (): string => dateToDay(new Date());

/** A real calendar day as YYYY-MM-DD (Date would roll 2018-02-30 over to 2 March). */
export const isDay = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = dayToDate(value);
  return !Number.isNaN(date.getTime()) && dateToDay(date) === value;
};

/** The first day of a partial date's window ("2018" → 2018-01-01). */
/** An occurredAt may be an interval "A/B" of partial dates (the source only brackets the event). */
const boundsOf = (date: string): [string, string] => {
  const slash = date.indexOf('/');
  return slash < 0 ? [date, date] : [date.slice(0, slash), date.slice(slash + 1)];
};

export const windowStart = (date: string): string => {
  const from = boundsOf(date)[0];
  return from.length === 10 ? from : from.length === 7 ? `${from}-01` : `${from}-01-01`;
};

/** A date's precision; an interval "A/B" has the coarser of its bounds'. */
export const precisionOf = (date: string): Precision => {
  const rank = (d: string) => (d.length === 10 ? 0 : d.length === 7 ? 1 : 2);
  return (['day', 'month', 'year'] as const)[Math.max(...boundsOf(date).map(rank))];
};

/** The last day of a partial date's window: the day it counts from ("2018-05" → 2018-05-31). */
export const windowEnd = (date: string): string => {
  if (date.includes('/')) return windowEnd(boundsOf(date)[1]);
  if (date.length === 10) return date;
  if (date.length === 7) {
    const [year, month] = date.split('-').map(Number);
    return dateToDay(new Date(Date.UTC(year, month, 0)));
  }
  return `${date}-12-31`;
};

const monthYear = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const fullDay = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A partial date in words, keeping its precision: "24 May 2018", "May 2018", "2017". */
export const formatPartialDate = (date: string, precision?: Precision): string => {
  if (date.includes('/')) return boundsOf(date).map((bound) => formatPartialDate(bound)).join(' – ');
  const p = precision ?? precisionOf(date);
  if (p === 'year') return date.slice(0, 4);
  if (p === 'month') return monthYear.format(dayToDate(windowStart(date)));
  return fullDay.format(dayToDate(date));
};

const instantFormat = new Intl.DateTimeFormat('en', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
export const formatInstant = (iso: string): string => instantFormat.format(new Date(iso));

// ---- colours ------------------------------------------------------------------------------------

/** Fixed colours for the usual parties (colour-blind-safe Okabe–Ito hues), then a cycle for others. */
const FIXED_COLOURS: Record<string, string> = { US: '#0072b2', MX: '#009e73', CA: '#d55e00', EU: '#cc79a7', CN: '#e69f00' };
const OTHER_COLOURS = ['#8856a7', '#b8860b', '#56b4e9', '#a6761d', '#666666', '#e7298a', '#1b9e77', '#7570b3'];

/** A colour for each party (stable for a given list), and grey for joint events. */
export const partyColours = (parties: readonly string[]): { domain: string[]; range: string[] } => {
  const domain: string[] = [];
  const range: string[] = [];
  let next = 0;
  for (const party of parties) {
    if (domain.includes(party)) continue;
    domain.push(party);
    range.push(FIXED_COLOURS[party] ?? OTHER_COLOURS[next++ % OTHER_COLOURS.length]);
  }
  domain.push('joint');
  range.push('#555555');
  return { domain, range };
};

/** Parties in display order: US, MX, CA first, then other countries, then other actors. */
export const orderParties = (parties: Iterable<string>): string[] => {
  const first = ['US', 'MX', 'CA'];
  const rank = (p: string) => (first.includes(p) ? first.indexOf(p) : isCountry(p) ? 10 : 20);
  return [...new Set(parties)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
};


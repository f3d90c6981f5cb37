import { EventType, eventSchema, KNOWN_ISSUES, NewEvent, POSITION_EVENT_TYPES, Term } from '../../events';
import { ISSUES } from '../../events/gazetteer';
import { datelineEnd, readArticle } from './article';
import { attribute, Attribution, SPEECH } from './attribution';
import { findDates, ResolvedDate } from './dates';
import { Draft, Extraction, ExtractOptions, NegotiationMatch } from './draft';
import { findMentions, isLowercased, Mention } from './mentions';
import { matchNegotiation } from './negotiation';
import { findPeople, Person } from './people';
import { RULES, STATEMENT_RULE } from './rules';
import { Segment, segmentText } from './segments';
import { findNumbers, numbersStatedIn, termsFrom } from './terms';

/** A draft the catalog refused (kept so nothing disappears silently). */
export interface SkippedDraft {
  span: { start: number; end: number };
  type: EventType;
  reason: string;
}

interface Trigger {
  rule: string;
  type: EventType;
  priority: number;
  at: number;
  end: number;
}

interface Context {
  text: string;
  seg: Segment;
  mentions: Mention[];
  people: Person[];
  dates: ResolvedDate[];
  attribution: Attribution;
  negotiation: NegotiationMatch;
  articleIssue?: string;
  published?: string;
  today: string;
  earlier: Draft[];
  nextDates?: ResolvedDate[];
  /** The subject of the clause before, for a clause that names none ("…, but that demand was dropped"). */
  previousSubject?: string;
  /** The sentence after, for details that follow an announcement ("The tariffs will take effect on…"). */
  next?: Segment;
}

const POSITION = new Set<EventType>(POSITION_EVENT_TYPES);
/** "Mexican industry", "Canadian business groups": a demonym that names a sector, not the state. */
const NOT_THE_STATE = /^(?:[’']s)?\s+(?:[\p{L}-]+\s+)?(?:industry|industries|business|businesses|companies|firms|producers|automakers|exporters|importers|manufacturers|lobby|groups?|chambers?|sector|media|press|lawmakers|opposition|unions?|economists|analysts)\b/iu;
/** Acts of government reported as fact are on the public record. */
const OFFICIAL_ACTS = new Set<EventType>(['TariffAnnounced', 'TariffImposed', 'TariffLifted', 'ExemptionGranted', 'ProbeLaunched', 'ProbeConcluded', 'AgreementReached', 'NegotiationLaunched', 'RoundHeld']);
const isState = (party: string | undefined): boolean => party !== undefined && /^[A-Z]{2}$/.test(party);

const issuesIn = (text: string): { slug: string; priority: number; at: number }[] => {
  const found: { slug: string; priority: number; at: number }[] = [];
  for (const issue of ISSUES) {
    const any = issue.any.map((s) => new RegExp(s, 'i').exec(text)).find((m) => m);
    if (!any) continue;
    if (issue.all && !issue.all.every((s) => new RegExp(s, 'i').test(text))) continue;
    found.push({ slug: issue.slug, priority: issue.priority, at: any.index });
  }
  return found.sort((a, b) => b.priority - a.priority || a.at - b.at);
};

const PRODUCTS: [RegExp, string][] = [
  [/\bauto parts\b/i, 'auto parts'], [/\b(?:cars?|autos?|automobiles?|vehicles?|trucks?)\b/i, 'autos'], [/\bsteel\b/i, 'steel'],
  [/\balumin(?:i)?um\b/i, 'aluminum'], [/\blumber|softwood\b/i, 'softwood lumber'], [/\bcopper\b/i, 'copper'], [/\bdairy\b/i, 'dairy'],
  [/\bsolar panels?\b/i, 'solar panels'], [/\bwashing machines?\b/i, 'washing machines'], [/\b(?:semiconductors?|chips)\b/i, 'semiconductors'],
  [/\bpharmaceuticals?|drugs?\b/i, 'pharmaceuticals'], [/\bsoybeans?\b/i, 'soybeans'], [/\b(?:goods|imports|products|exports)\b/i, 'goods'],
];

const productNear = (text: string, from: number): string | undefined => {
  const window = text.slice(from, from + 70);
  let best: { at: number; name: string } | undefined;
  for (const [re, name] of PRODUCTS) {
    const m = re.exec(window);
    if (m && (!best || m.index < best.at)) best = { at: m.index, name };
  }
  return best?.name ?? PRODUCTS.map(([re, name]) => (re.test(text) ? name : undefined)).find((x) => x);
};

/** The party that acts: the nearest named party before the trigger, else the speaker, else the first after. */
const subjectOf = (ctx: Context, at: number, end = at): { party?: string; how: string } => {
  const actors = [
    ...ctx.mentions
      .filter((m) => m.party && m.kind !== 'official' && !NOT_THE_STATE.test(ctx.seg.text.slice(m.end, m.end + 40)))
      .map((m) => ({ start: m.start, end: m.end, party: m.party! })),
    ...ctx.people.filter((p) => p.party).map((p) => ({ start: p.start, end: p.end, party: p.party! })),
  ].sort((a, b) => a.start - b.start);
  // "U.S. demands", "Washington's demands": the owner is named inside the trigger itself.
  const inside = actors.find((a) => a.start >= at && a.end <= end);
  if (inside) return { party: inside.party, how: 'party:named-in-trigger' };
  const before = actors.filter((a) => a.end <= at + 1);
  if (before.length > 0) {
    const actor = before[before.length - 1];
    // A named person's own act told as fact is on the record ("Trump has threatened to…").
    const named = ctx.people.some((p) => p.start === actor.start);
    return { party: actor.party, how: named ? 'party:named-person-before-trigger' : 'party:nearest-before-trigger' };
  }
  if (ctx.attribution.party) return { party: ctx.attribution.party, how: 'party:speaker' };
  if (ctx.previousSubject) return { party: ctx.previousSubject, how: 'party:previous-clause' };
  const after = actors.find((a) => a.start > at);
  return after ? { party: after.party, how: 'party:first-after-trigger' } : { how: 'party:none' };
};

/** States named in a clause (from an offset), leaving out places where something happens ("talks in Switzerland"). */
const statesIn = (ctx: Context, from = 0, except?: string): string[] => [
  ...new Set(
    ctx.mentions
      .filter((m) => m.start >= from && (m.kind === 'state' || m.kind === 'capital') && m.party !== except && isState(m.party))
      .filter((m) => !/\b(?:in|at|near|inside|visit(?:ed|ing)?)\s+$/i.test(ctx.seg.text.slice(Math.max(0, m.start - 12), m.start)))
      .map((m) => m.party!),
  ),
];

const dateFor = (ctx: Context, at: number, future: boolean): { value?: string; why: string } => {
  // A date inside a later relative clause ("the tariffs it imposed last year") dates that clause, not this event.
  const ownClause = (d: ResolvedDate) => d.start < at || !/\b(?:that|which|who|it|they|when|after|since|before)\b/i.test(ctx.seg.text.slice(at, d.start).replace(/^\S+/, ''));
  // Nor does one in a parenthetical description (", who has described the 1994 pact as a disaster,").
  const asides = [...ctx.seg.text.matchAll(/,\s*(?:who|which|whose)\b[^,]*,/gi)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const inAside = (d: ResolvedDate) => asides.some((a) => d.start >= a.start && d.end <= a.end && !(at >= a.start && at <= a.end));
  const candidates = ctx.dates.filter((d) => d.future === future && ownClause(d) && !inAside(d));
  if (candidates.length > 0) {
    const nearest = [...candidates].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
    return { value: nearest.value, why: `${nearest.rule}:"${nearest.phrase.trim()}"` };
  }
  if (future) return { why: 'date:none' };
  if (ctx.published) return { value: ctx.published, why: 'date:as-of-publication' };
  return { value: ctx.today.slice(0, 4), why: 'date:undated-article-reading-year' };
};

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const quotedText = (s: string): string | undefined => /["“]([^"”]{8,})["”]/.exec(s)?.[1].trim();

const issueFor = (ctx: Context, required: boolean): { issue?: string; why?: string } => {
  const own = issuesIn(ctx.seg.text)[0];
  if (own) return { issue: own.slug, why: `issue:${own.slug}` };
  if (!required) return {};
  if (ctx.articleIssue) return { issue: ctx.articleIssue, why: 'issue:article-dominant' };
  return { issue: 'general', why: 'issue:none-found' };
};

const defaultTerm = (issue: string, text: string): Term => ({
  metric: KNOWN_ISSUES[issue]?.metrics[0] ?? 'position',
  text: clip(text.replace(/\s+/g, ' ').trim(), 300),
  note: 'no metric or figure stated; the quote says what was proposed',
});

/** What one trigger proposes: the event parts beyond the envelope, or nothing when the text lacks a required part. */
interface Proposal {
  type: EventType;
  party?: string;
  issue?: string;
  data: Record<string, unknown>;
  occurredAt: string;
  why: string[];
  needsReview: string[];
}

const build = (ctx: Context, trigger: Trigger): Proposal[] => {
  const text = ctx.seg.text;
  const why = [trigger.rule, ctx.attribution.rule];
  const subject = subjectOf(ctx, trigger.at, trigger.rule.startsWith('demand.demanded') ? trigger.end : trigger.at);
  const past = dateFor(ctx, trigger.at, false);
  const base = (type: EventType, data: Record<string, unknown>, extra: Partial<Proposal> = {}): Proposal => ({
    type, party: subject.party, data, occurredAt: past.value!, why: [...why, subject.how, past.why], needsReview: past.value === ctx.today.slice(0, 4) && !ctx.published ? ['occurredAt'] : [], ...extra,
  });
  switch (trigger.type) {
    case 'DemandTabled':
    case 'OfferMade':
    case 'CounterofferMade': {
      const issues = issuesIn(text).filter((i) => i.priority >= 2);
      const chosen = issues.length > 0 ? issues.map((i) => i.slug) : [issueFor(ctx, true).issue!];
      // "countering a U.S. proposal of 75 percent": the countered proposal is a position of its own.
      const counterAt = /\bcountering\b/i.exec(text)?.index;
      const own = counterAt !== undefined && trigger.rule !== 'counter.countering' ? text.slice(0, counterAt) : text;
      return chosen.map((issue, i) => {
        const part = chosen.length > 1 ? own.slice(issues[i].at, issues[i + 1]?.at ?? own.length) : own;
        const { terms } = termsFrom(part, issue);
        const type = trigger.type === 'OfferMade' && counterAt !== undefined ? 'CounterofferMade' : trigger.type;
        const data: Record<string, unknown> = { terms: terms.length > 0 ? terms : [defaultTerm(issue, part)] };
        const proposal = base(type, data, { issue });
        proposal.why.push(`issue:${issue}`, ...(terms.length > 0 ? ['terms:from-quote'] : ['terms:text-only']));
        if (type === 'CounterofferMade') {
          const answered = ctx.earlier.filter((d) => d.event.issue === issue && d.event.party !== subject.party && POSITION.has(d.event.type)).pop();
          if (answered) {
            data.respondsTo = answered.id;
            proposal.why.push('responds-to:earlier-draft');
          } else {
            data.respondsTo = 'unresolved';
            proposal.needsReview.push('data.respondsTo');
          }
        }
        return proposal;
      });
    }
    case 'ProposalRejected': {
      const issue = issueFor(ctx, true);
      const rejected = ctx.earlier.filter((d) => d.event.issue === issue.issue && d.event.party !== subject.party && POSITION.has(d.event.type)).pop();
      const proposal = base('ProposalRejected', { respondsTo: rejected?.id ?? 'unresolved', reason: clip(text, 2000) }, { issue: issue.issue });
      if (!rejected) proposal.needsReview.push('data.respondsTo');
      proposal.why.push(issue.why!);
      return [proposal];
    }
    case 'PositionWithdrawn': {
      const issue = issueFor(ctx, true);
      const metrics = termsFrom(text, issue.issue).terms.map((t) => t.metric);
      return [base('PositionWithdrawn', { metrics: metrics.length > 0 ? metrics : [KNOWN_ISSUES[issue.issue!]?.metrics[0] ?? 'position'] }, { issue: issue.issue })];
    }
    case 'AgreementReached': {
      const issue = issueFor(ctx, true);
      const { terms } = termsFrom(text, issue.issue);
      const states = statesIn(ctx);
      const parties = states.length > 0 ? states : [...ctx.negotiation.parties];
      if (parties.length === 0 && subject.party) parties.push(subject.party);
      return [base('AgreementReached', { parties, terms: terms.length > 0 ? terms : [defaultTerm(issue.issue!, text)] }, { issue: issue.issue, party: undefined })];
    }
    case 'ProbeLaunched': {
      const authority = /\bSection\s+\d{3}\b/i.exec(text)?.[0] ?? (/national security/i.test(text) ? 'national security' : undefined);
      const agency = ctx.mentions.find((m) => m.kind === 'agency' && m.actsForState);
      const subjectPhrase = /\b(?:whether|into|on|of)\s+([^,.;]{3,120}?)(?=\s+(?:harm|hurt|threaten|pose|were|was|are|is)\b|[,.;]|$)/i.exec(text.slice(trigger.at))?.[1];
      const data: Record<string, unknown> = { authority: authority ?? agency?.label ?? 'investigation (authority not stated)', subject: clip(subjectPhrase ?? text, 500) };
      if (agency) data.agency = agency.label;
      const targets = statesIn(ctx, trigger.at, subject.party);
      if (targets.length > 0) data.targets = targets;
      const issue = issueFor(ctx, false);
      return [base('ProbeLaunched', data, { issue: issue.issue })];
    }
    case 'ProbeConcluded':
      return [{ ...base('ProbeConcluded', { probe: 'unresolved', finding: clip(text, 5000) }, { issue: issueFor(ctx, false).issue }), needsReview: ['data.probe'] }];
    case 'TariffImposed':
    case 'TariffAnnounced': {
      const rates = findNumbers(text).filter((n) => n.unit === 'percent');
      if (rates.length === 0) return [];
      const measure = /\bSection\s+\d{3}\b|\bIEEPA\b/i.exec(text)?.[0] ?? 'tariff';
      // States named after the measure are its targets, not who imposes it.
      if (subject.how === 'party:first-after-trigger') subject.party = undefined;
      const targets = statesIn(ctx, trigger.at, subject.party);
      const issue = issueFor(ctx, true);
      // After a cut ("to 30%") the rate in force is the last one named.
      const cutTo = trigger.rule === 'tariff.cut' ? rates.find((n) => /\bto\s+$/i.test(text.slice(Math.max(0, n.start - 4), n.start))) : undefined;
      const used = trigger.rule === 'tariff.cut' ? (cutTo ? [cutTo] : []) : rates;
      // Not yet in force: said in the future tense, or a later date of effect in this sentence or the next.
      const effect = [...ctx.dates, ...(ctx.next && /\btakes?\s+effect\b/i.test(ctx.next.text) ? within(ctx.nextDates ?? [], ctx.next) : [])].find((d) => d.future);
      const future = /\b(?:will|would|plans? to|set to|is to|are to|to take effect)\b/i.test(text.slice(0, trigger.end + 20)) || effect !== undefined;
      const type: EventType = future ? 'TariffAnnounced' : trigger.type;
      return used.map((rate) => {
        const product = productNear(text, rate.end) ?? 'goods';
        const data: Record<string, unknown> = { measure, product, rate: { value: rate.value, unit: 'percent' }, targets: targets.length > 0 ? targets : ['*'] };
        if (effect && !effect.value.includes('/')) data.effectiveOn = effect.value;
        const proposal = base(type, data, { issue: product === 'steel' || product === 'aluminum' ? 'steel-aluminum-tariffs' : issue.issue });
        if (future) proposal.why.push(effect ? `tariff:takes-effect-later:${effect.rule}` : 'tariff:future-tense');
        if (targets.length === 0) proposal.why.push('targets:none-named');
        return proposal;
      });
    }
    case 'TariffLifted': {
      const targets = statesIn(ctx, 0, subject.party);
      const product = productNear(text, trigger.at) ?? 'goods';
      const proposal = base('TariffLifted', {
        measure: /\bSection\s+\d{3}\b/i.exec(text)?.[0] ?? 'tariff', product, targets: targets.length > 0 ? targets : ['*'],
      }, { issue: /steel|alumin/i.test(text) ? 'steel-aluminum-tariffs' : issueFor(ctx, true).issue });
      if (targets.length === 0) proposal.needsReview.push('data.targets');
      return [proposal];
    }
    case 'ExemptionGranted': {
      // The grantor is whoever on the record is not among those spared ("Canada and Mexico were exempted…, Trump said").
      const spared = /\b(?:were|was|been|be)\s+(?:exempted|spared)\b/i.test(text)
        ? statesIn(ctx).filter((p) => ctx.mentions.some((m) => m.party === p && m.start < trigger.at))
        : statesIn(ctx, trigger.at);
      const grantor = [ctx.attribution.party, ...ctx.people.map((p) => p.party), ...ctx.mentions.map((m) => m.party)].find((p) => p && !spared.includes(p) && isState(p));
      subject.party = grantor ?? (ctx.negotiation.parties.length > 0 ? ctx.negotiation.parties.find((p) => !spared.includes(p)) : subject.party);
      subject.how = grantor ? 'party:grantor-on-record' : 'party:grantor-from-negotiation';
      const beneficiaries = spared.filter((p) => p !== subject.party);
      const until = dateFor(ctx, trigger.at, true).value;
      const proposal = base('ExemptionGranted', {
        measure: /\bSection\s+\d{3}\b/i.exec(text)?.[0] ?? 'tariff', product: productNear(text, trigger.at) ?? 'goods',
        beneficiaries: beneficiaries.length > 0 ? beneficiaries : ['unresolved'], ...(until ? { until } : {}),
      }, { issue: issueFor(ctx, true).issue, party: subject.party });
      proposal.why.push(subject.how);
      if (beneficiaries.length === 0) proposal.needsReview.push('data.beneficiaries');
      return [proposal];
    }
    case 'NegotiationLaunched': {
      const states = statesIn(ctx);
      const lead = ctx.mentions.filter((m) => m.end <= trigger.at && m.party).length;
      return [base('NegotiationLaunched', { title: ctx.negotiation.title, parties: states.length >= 2 ? states : [...ctx.negotiation.parties].length > 0 ? [...ctx.negotiation.parties] : states.length > 0 ? states : ['unresolved'] }, {
        party: lead === 1 ? subject.party : undefined, issue: issueFor(ctx, false).issue,
      })];
    }
    case 'RoundHeld': {
      const ordinal = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|final|\d+(?:st|nd|rd|th))\b(?=\s+(?:and final\s+)?round)/i.exec(text)?.[1];
      const location = /\bin\s+(\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)*)/u.exec(text.slice(trigger.at))?.[1];
      const data: Record<string, unknown> = { round: ordinal ? `${ordinal.toLowerCase()} round` : 'round', location: location ?? 'not stated' };
      const proposal = base('RoundHeld', data, { party: undefined });
      if (!location) proposal.needsReview.push('data.location');
      if (/^\d{4}-\d{2}-\d{2}$/.test(proposal.occurredAt) && past.why.startsWith('date:calendar')) data.endedOn = proposal.occurredAt;
      return [proposal];
    }
    case 'DeadlineSet': {
      const deadline = dateFor(ctx, trigger.at, true);
      const any = deadline.value ?? ctx.dates[0]?.value;
      if (!any || any.includes('/')) return [];
      const proposal = base('DeadlineSet', { deadline: any, what: clip(text, 2000) }, { party: undefined, issue: issueFor(ctx, false).issue });
      proposal.occurredAt = ctx.published ?? proposal.occurredAt;
      proposal.why.push(deadline.why);
      return [proposal];
    }
    case 'ThreatIssued': {
      const threat = clip(text.slice(trigger.at).replace(/\s+/g, ' ').trim(), 5000);
      const target = statesIn(ctx, trigger.end, subject.party)[0];
      return [base('ThreatIssued', { threat, ...(target ? { target } : {}) }, { issue: issueFor(ctx, false).issue })];
    }
    case 'StatementIssued': {
      const speaker = ctx.attribution.speaker ?? 'unnamed';
      return [base('StatementIssued', { speaker, quote: clip(quotedText(text) ?? text, 10000) }, {
        party: ctx.attribution.party ?? subject.party, issue: issueFor(ctx, false).issue,
      })];
    }
    default:
      return [];
  }
};

/** Types that are themselves the wanting, offering or saying. */
const WANTING_TYPES = new Set<EventType>(['DemandTabled', 'OfferMade', 'CounterofferMade', 'ThreatIssued', 'StatementIssued']);
/** A measure wanted, offered or urged ("urged Washington to scrap the tariffs") rather than taken. */
const WANTED = /\b(?:offer(?:ed|s)?|propos(?:ed|es)|wants?|wanted|seeks?|seeking|sought|demand(?:ed|s|ing)?|urg(?:ed|es|ing)|ask(?:ed|s|ing)?|request(?:ed|s|ing)?|call(?:ed|s)? on|press(?:ed|es|ing)?(?: for)?|push(?:ed|es|ing)? for|hop(?:ed|es|ing) to)\b[^.;]{0,40}$/i;
const SUBORDINATE = /\b(?:after|following|before|because|since|when|amid|as|once|until|unless|if)\b/gi;

/**
 * Every rule that fires in a sentence, strongest first. An event told in a subordinate clause
 * ("made a new offer after the United States launched a probe") ranks below the main clause's.
 */
const triggersIn = (text: string): Trigger[] => {
  const found: Trigger[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) found.push({ rule: rule.id, type: rule.type, priority: rule.priority, at: m.index, end: m.index + m[0].length });
  }
  const subordinators = [...text.matchAll(SUBORDINATE)].map((m) => m.index);
  const quotes = [...text.matchAll(/["“][^"”]*["”]/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const t of found) {
    if (found.some((o) => o.at < t.at && subordinators.some((s) => s > o.end && s < t.at))) t.priority -= 5;
    // What someone only threatens, or might do, is not done: the threat (or nothing) is the event.
    if (t.type !== 'ThreatIssued' && /(?:threat\w*\s+to|could|may|might)\s+$/i.test(text.slice(Math.max(0, t.at - 25), t.at))) t.priority -= 6;
    // A measure someone offers, proposes or asks for is that position, not the measure itself.
    const before = text.slice(Math.max(0, t.at - 60), t.at);
    if (!WANTING_TYPES.has(t.type) && (WANTED.test(before) || /\b(?:that|which) would\s+$/i.test(before))) t.priority -= 6;
    // Words inside a direct quote are the speaker's: a statement, not an act the reporter records.
    if (quotes.some((q) => t.at > q.start && t.at < q.end)) t.priority = -10;
  }
  found.splice(0, found.length, ...found.filter((t) => t.priority > -10));
  return found.sort((a, b) => b.priority - a.priority || a.at - b.at);
};

const within = <T extends { start: number; end: number }>(items: readonly T[], seg: Segment): T[] =>
  items.filter((x) => x.start >= seg.start && x.end <= seg.end).map((x) => ({ ...x, start: x.start - seg.start, end: x.end - seg.start }));

const dominantIssue = (segments: readonly Segment[]): string | undefined => {
  const counts = new Map<string, number>();
  for (const s of segments) for (const i of issuesIn(s.text).slice(0, 1)) counts.set(i.slug, (counts.get(i.slug) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
};


/** What one sentence (or clause) proposes: the strongest rule that yields an event, a statement otherwise. */
const propose = (ctx: Context): Proposal[] => {
  const { seg, attribution } = ctx;
  let proposals: Proposal[] = [];
  for (const trigger of triggersIn(seg.text)) {
    proposals = build(ctx, trigger);
    if (proposals.length > 0) break;
  }
  const spokenOrQuoted = SPEECH_RE.test(seg.text) || /["“”]/.test(seg.text) || attribution.rule.startsWith('hedge:');
  const quoted = quotedText(seg.text) !== undefined;
  // A round or deadline told in a quote is also what the speaker said.
  const alsoStatement = proposals.length > 0 && quoted && proposals.every((p) => p.type === 'RoundHeld' || p.type === 'DeadlineSet');
  if ((proposals.length === 0 || alsoStatement) && attribution.speaker && spokenOrQuoted && !/^\(/.test(seg.text)) {
    const statement = build(ctx, { rule: STATEMENT_RULE, type: 'StatementIssued', priority: 1, at: 0, end: 0 }).filter((p) => p.party);
    proposals = [...proposals, ...statement];
  }
  // "countering a U.S. proposal of 75 percent": the position countered, as its own draft.
  const countered = /\bcountering\s+(?:an?|the)\s+(.{0,40}?)\s*proposal\s+of\s+([^,.;]+)/i.exec(seg.text);
  if (countered && proposals.some((p) => p.type === 'CounterofferMade')) {
    const whose = ctx.mentions.find((m) => m.start >= countered.index && m.start < countered.index + countered[0].length && m.party);
    const issue = proposals[0].issue;
    const { terms } = termsFrom(countered[0], issue);
    if (whose && terms.length > 0) {
      proposals.unshift({ type: 'OfferMade', party: whose.party, issue, data: { terms }, occurredAt: proposals[0].occurredAt, why: ['offer.countered-proposal', attribution.rule, 'party:owner-of-countered-proposal'], needsReview: [] });
    }
  }
  return proposals;
};

const CLAUSE_BREAK = /(?:,\s+(?=(?:and|but|while|whereas)\s)|;\s+)/g;

/**
 * A sentence that joins two events ("X will cut its tariffs to 30 percent, while Y will lower its
 * duties to 10 percent") is read clause by clause; otherwise as a whole.
 */
const clausesWithEvents = (seg: Segment): Segment[] => {
  const cuts = [0, ...[...seg.text.matchAll(CLAUSE_BREAK)].map((m) => m.index + m[0].length), seg.text.length];
  if (cuts.length <= 2) return [seg];
  const units: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const raw = seg.text.slice(cuts[i], cuts[i + 1]);
    const body = raw.replace(/[,;\s]+$/, '');
    if (body.trim() === '') continue;
    units.push({ ...seg, start: seg.start + cuts[i], end: seg.start + cuts[i] + body.length, text: body });
  }
  const withEvents = units.filter((u) => triggersIn(u.text).length > 0 || SPEECH_RE.test(u.text));
  if (!units.some((u) => triggersIn(u.text).length > 0)) return [seg];
  return withEvents.length >= 2 ? withEvents : [seg];
};

const SPEECH_RE = new RegExp(String.raw`\b${SPEECH}\b`, 'i');

/**
 * Reads a news article and proposes catalog events (drafts): pure, no I/O, same text and options →
 * same drafts and ids. Nothing is recorded here.
 */
export const extractDrafts = (text: string, options: ExtractOptions): Extraction & { skipped: SkippedDraft[] } => {
  const article = readArticle(text, options);
  const lowercased = isLowercased(text);
  const mentions = findMentions(text, lowercased);
  const people = findPeople(text, mentions, lowercased);
  const dates = findDates(text, article.publishedAt);
  // The dateline ("GENEVA, May 12 (Reuters) - ") is not part of the first sentence's quote.
  const bodyStart = datelineEnd(text);
  const segments = segmentText(text).map((s) => (s.start < bodyStart && s.end > bodyStart ? { ...s, start: bodyStart, text: text.slice(bodyStart, s.end) } : s));
  const negotiation = matchNegotiation(text, mentions, options.negotiation);
  const articleIssue = dominantIssue(segments);
  const drafts: Draft[] = [];
  const skipped: SkippedDraft[] = [];
  let lastSpeaker: Attribution | undefined;
  let leadIn: Attribution | undefined;

  // A clause with its own speech verb has its own speaker; otherwise the sentence's attribution holds.
  const unitAttribution = (unit: Segment, sentence: Attribution): Attribution => {
    if (!SPEECH_RE.test(unit.text)) return sentence;
    const own = attribute(unit.text, within(mentions, unit), within(people, unit));
    return own.speaker || own.confidence !== 'confirmed' ? own : sentence;
  };
  const headline = article.title ? text.indexOf(article.title) : -1;

  segments.forEach((seg, segIndex) => {
    // The headline restates the story; its events are drafted from the body.
    if (headline >= 0 && seg.start >= headline && seg.end <= headline + article.title!.length) return;
    const segMentions = within(mentions, seg);
    const segPeople = within(people, seg);
    let attribution = attribute(seg.text, segMentions, segPeople);
    if (attribution.rule === 'attribution:pronoun' && lastSpeaker) attribution = { ...lastSpeaker, rule: 'attribution:pronoun-previous-speaker' };
    if (leadIn && /^\(?["“]/.test(seg.text) && !attribution.speaker) attribution = { ...leadIn, rule: `${leadIn.rule}+lead-in` };
    leadIn = /:\s*$/.test(seg.text) && attribution.speaker ? attribution : undefined;
    if (attribution.speaker && attribution.confidence === 'confirmed') lastSpeaker = attribution;
    if (leadIn) return;
    let previousSubject: string | undefined;
    for (const unit of clausesWithEvents(seg)) {
      const ctx: Context = {
        text, seg: unit, mentions: within(mentions, unit), people: within(people, unit), dates: within(dates, unit), attribution: unit === seg ? attribution : unitAttribution(unit, attribution), negotiation,
        articleIssue, published: article.publishedAt, today: options.today, earlier: drafts, previousSubject,
        next: segments[segIndex + 1], nextDates: dates,
      };
      const proposals = propose(ctx);
      const countered = proposals[0]?.why.includes('offer.countered-proposal') ? idOf(unit, 0) : undefined;
      for (const p of proposals) {
        if (countered && p.type === 'CounterofferMade' && p.data.respondsTo === 'unresolved') {
          p.data.respondsTo = countered;
          p.needsReview = p.needsReview.filter((f) => f !== 'data.respondsTo');
          p.why.push('responds-to:countered-proposal');
        }
      }
      previousSubject = proposals.find((p) => p.party)?.party ?? previousSubject;
      const said = unit === seg ? attribution : unitAttribution(unit, attribution);
      const onRecord = (p: Proposal) =>
        /^attribution:(narration|unattributed)/.test(said.rule) && (OFFICIAL_ACTS.has(p.type) || p.why.includes('party:named-person-before-trigger'));
      proposals.forEach((p, n) => record(p, unit, n, onRecord(p) ? 'confirmed' : said.confidence));
    }
  });

  function idOf(unit: Segment, n: number): string {
    return `x-${article.hash.slice(0, 16)}-${unit.start}-${unit.end}${n > 0 ? `-${n}` : ''}`;
  }

  function record(p: Proposal, unit: Segment, n: number, confidence: Attribution['confidence']): void {
    const id = idOf(unit, n);
    const span = { start: unit.start, end: unit.end };
    const event = {
      id, type: p.type, negotiation: negotiation.slug, ...(p.issue ? { issue: p.issue } : {}), ...(p.party ? { party: p.party } : {}),
      occurredAt: p.occurredAt,
      source: {
        ...(article.title ? { title: clip(article.title, 1000) } : {}), ...(article.publisher ? { publisher: article.publisher } : {}),
        ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}), quote: clip(unit.text, 5000), document: clip(article.document, 500),
      },
      confidence, data: p.data,
    };
    if (POSITION.has(p.type) && p.type !== 'AgreementReached' && !event.party) {
      skipped.push({ span, type: p.type, reason: 'no party named for a position' });
      return;
    }
    const values = collectNumbers(p.data);
    if (!numbersStatedIn(values, unit.text)) {
      skipped.push({ span, type: p.type, reason: `a number (${values.join(', ')}) is not written in the quote` });
      return;
    }
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      skipped.push({ span, type: p.type, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    drafts.push({
      id, event: { ...(parsed.data as NewEvent), id }, span, why: [...new Set(p.why)], needsReview: p.needsReview,
      partyRole: p.party === undefined || negotiation.parties.length === 0 ? undefined : negotiation.parties.includes(p.party) ? 'negotiation-party' : 'other-actor',
    });
  }
  return { article, negotiation, drafts, skipped };
};

/** Every number inside a draft's data (rates, term values, schedules), for the quote check. */
const collectNumbers = (value: unknown): number[] =>
  typeof value === 'number' ? [value] : Array.isArray(value) ? value.flatMap(collectNumbers) : value && typeof value === 'object' ? Object.values(value).flatMap(collectNumbers) : [];

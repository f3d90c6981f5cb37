import { Confidence } from '../../events';
import { Mention } from './mentions';

/** Who a sentence is attributed to, and how sure that makes it. */
export interface Attribution {
  confidence: Confidence;
  rule: string;
  /** The speaker as printed ("Robert Lighthizer, U.S. Trade Representative"; "Mexican officials (unnamed)"). */
  speaker?: string;
  /** The party the speaker stands for. */
  party?: string;
  /** Offset (into the segment) where the attribution stands, to tell the speaker from the subject. */
  at?: number;
}

export const SPEECH = String.raw`(?:according to|said|says|say|told|stated|announced|announces|confirmed|confirms|remarked|noted|asserted|reiterated|responded|complained|warned|argued|added(?=\s+that\b|\s*[.,])|insisted|stressed|underscored|explained|wrote|declared)`;

const ANONYMOUS: { id: string; re: RegExp }[] = [
  { id: 'attribution:familiar-person', re: /\b(?:person|people|sources?|officials?|diplomats?|negotiators?|executives?)\b[^.;]{0,40}?\b(?:familiar with|briefed on|close to|with knowledge of)\b/i },
  { id: 'attribution:anonymous', re: /\b(?:unnamed|anonymous|anonymity|declined to be (?:named|identified)|not authori[sz]ed to (?:speak|comment))\b/i },
  { id: 'attribution:a-source', re: /\b(?:a|one|two|three|several|some)\s+(?:[\p{L}-]+\s+){0,2}sources?\b/iu },
  { id: 'attribution:sources-said', re: new RegExp(String.raw`\bsources\s+${SPEECH}\b`, 'i') },
  { id: 'attribution:one-official', re: new RegExp(String.raw`\b(?:one|an|a|two|three|several|senior)\s+(?:[\p{L}’'-]+\s+){0,2}(?:official|officials|diplomat|aide|negotiator)\s+${SPEECH}\b`, 'iu') },
  { id: 'attribution:officials-say', re: new RegExp(String.raw`\b(?:[\p{L}]+\s+)?(?:officials|diplomats|negotiators|people)\s+(?:have\s+)?${SPEECH}\b`, 'iu') },
  { id: 'attribution:according-to-people', re: /\baccording to (?:people|sources|a person|officials|a source)\b/i },
];

const HEDGED: { id: string; re: RegExp }[] = [
  { id: 'hedge:reportedly', re: /\b(?:reportedly|allegedly|purportedly|rumou?red|is said to|are said to|was said to|were said to)\b/i },
  { id: 'hedge:second-hand', re: /\b(?:according to (?:media |press |local |news )?reports?|(?:media|press|newspaper|local) reports?|(?:newspaper|media|television|outlet) reported|it is (?:believed|understood|thought)|could not (?:be )?(?:independently )?(?:verified|confirmed)|unverified|unconfirmed)\b/i },
  { id: 'hedge:speculation', re: /\b(?:speculat\w+|analysts? (?:say|said|expect|believe)|observers (?:say|said)|may have|might have|is expected to|are expected to|appears? to have)\b/i },
];

/** Hedged or second-hand → unconfirmed; anonymous → reported; a named speaker or a state on the record → confirmed. */
export const attribute = (text: string, mentions: readonly Mention[], people: readonly { start: number; end: number; name: string; party?: string; role?: string }[]): Attribution => {
  for (const h of HEDGED) {
    const m = h.re.exec(text);
    if (!m) continue;
    // A group named beside the hedge ("Japanese officials were said to…") is who the claim is about.
    const group = new RegExp(String.raw`\b([\p{L}.]+)\s+(officials|diplomats|negotiators|sources)\b`, 'iu').exec(text);
    const state = group ? mentions.find((x) => (x.kind === 'state' || x.kind === 'capital') && x.start === group.index) : undefined;
    return state
      ? { confidence: 'unconfirmed', rule: h.id, speaker: `${demonymOf(state.text)} ${group![2]} (unnamed)`, party: state.party, at: state.start }
      : { confidence: 'unconfirmed', rule: h.id };
  }
  for (const a of ANONYMOUS) {
    const m = a.re.exec(text);
    if (m) {
      const state = mentions.find((x) => x.kind === 'state' && x.start >= m.index - 20 && x.start <= m.index + m[0].length);
      const who = state?.label && /official|diplomat|negotiator/i.test(m[0]) ? `${demonymOf(state.text)} officials (unnamed)` : state ? `unnamed ${demonymOf(state.text)} source` : 'unnamed source';
      return { confidence: 'reported', rule: a.id, speaker: who, party: state?.party, at: m.index };
    }
  }
  const speech = new RegExp(String.raw`\b${SPEECH}\b`, 'gi');
  const found = [...text.matchAll(speech)];
  const verbs = found.filter((m) => !/^according to$/i.test(m[0])).map((m) => m.index);
  // "according to X" names its source right after it ("according to the plan" names no speaker).
  const accordingTo = found.filter((m) => /^according to$/i.test(m[0])).map((m) => m.index + m[0].length);
  const quoted = /["“”]/.test(text);
  if (found.length === 0 && !quoted) return { confidence: 'reported', rule: 'attribution:narration' };
  const near = (start: number, end: number) =>
    verbs.some((v) => v >= end - 1 && v - end <= 90) || verbs.some((v) => v < start && start - v <= 40) || accordingTo.some((a) => start >= a && start - a <= 6);
  const person = people.find((p) => near(p.start, p.end)) ?? (quoted ? people[0] : undefined);
  if (person) {
    return { confidence: 'confirmed', rule: 'attribution:named-speaker', speaker: person.role ? `${person.name}, ${person.role}` : person.name, party: person.party, at: person.start };
  }
  const official = mentions.find((m) => (m.kind === 'official' || m.kind === 'agency') && near(m.start, m.end));
  if (official) {
    return { confidence: 'confirmed', rule: official.kind === 'official' ? 'attribution:named-official' : 'attribution:agency-on-record', speaker: official.role ? `${official.label}, ${official.role}` : official.label, party: official.party, at: official.start };
  }
  const state = mentions.find((m) => (m.kind === 'state' || m.kind === 'capital') && near(m.start, m.end));
  if (state) return { confidence: 'confirmed', rule: 'attribution:state-on-record', speaker: `Government of ${state.label}`, party: state.party, at: state.start };
  if (verbs.length > 0 && /^\s*(?:he|she|they)\b|\b(?:he|she|they)\s+(?:said|says|added|told)\b/i.test(text)) return { confidence: 'confirmed', rule: 'attribution:pronoun' };
  return { confidence: 'reported', rule: 'attribution:unattributed' };
};

const demonymOf = (text: string): string => {
  const t = text.replace(/\s+/g, ' ');
  if (/^(u\.?\s?s\.?|united states|america)/i.test(t)) return 'U.S.';
  return t[0].toUpperCase() + t.slice(1);
};

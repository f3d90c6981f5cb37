import { Mention } from './mentions';

/** A named person in the text, with the party they speak for when the text or the gazetteer says. */
export interface Person {
  start: number;
  end: number;
  name: string;
  party?: string;
  role?: string;
  rule: string;
}

const TITLES = /^(?:(?:President|Vice President|Prime Minister|Minister|Secretary|Ambassador|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sen\.?|Senator|Rep\.?|Governor|Chancellor|Premier|Commissioner)\s+)+/;

export const slugOf = (name: string): string =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 100);

/** Capitalised words that open a sentence or name a thing, not a person. */
const NOT_A_NAME = /^(?:The|This|That|These|Those|Under|However|Meanwhile|According|Canadian|Mexican|American|European|Chinese|Japanese|Prime|Vice|Trade|Foreign|Finance|Economy|Commerce|Natural|Secretary|President|Minister|Key|North|South|Latin|Labor|Labour|Sindicato|Future|Current|Reaction|Comparison|Who|What|International)\b|\b(?:Ministry|Department|Office|Council|Chamber|Institution|Institute|Center|Centre|Association|Agreement|Union|Commission|Bank|Inc|Corp|Group)\b/u;
const TITLE_WORDS = String.raw`(?:(?:President|Vice President|Prime Minister|Minister|Secretary|Ambassador|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+)?`;
const ROLE_WORDS = String.raw`(?:a|an|the|head|vice|chief|director|president|spokes(?:wo)?man|spokesperson|former|senior|deputy|minister|secretary|chairman|chair|ceo|vp|adviser|advisor|analyst|economist|professor)`;

/**
 * The party of a person from an appositive ("X, a trade advisor at Mexico's Ministry of Economy" → MX;
 * "X, a senior fellow at the Brookings Institution" → brookings-institution). "Former" office-holders
 * speak for themselves (their own slug).
 */
const affiliation = (text: string, end: number, mentions: readonly Mention[]): { party?: string; role?: string } => {
  const tail = text.slice(end, end + 140);
  const app = new RegExp(String.raw`^[,\s]+(${ROLE_WORDS}\b[^,;.“”"]{0,120})`, 'i').exec(tail);
  if (!app) return {};
  const role = app[1].trim();
  if (/\bformer\b/i.test(role)) return { role };
  const inside = mentions.filter((m) => m.start >= end && m.start < end + app[0].length);
  const agency = inside.find((m) => m.kind === 'agency');
  if (agency) return { party: agency.party, role };
  const state = inside.find((m) => m.kind === 'state' || m.kind === 'capital');
  if (state && /\b(minister|official|ambassador|secretary|negotiator|government|president|advis[eo]r)\b/i.test(role)) return { party: state.party, role };
  return { role };
};

const prefixState = (text: string, start: number, mentions: readonly Mention[]): string | undefined => {
  const before = mentions.filter((m) => (m.kind === 'state' || m.kind === 'agency') && m.end <= start && start - m.end <= 40);
  const last = before[before.length - 1];
  if (!last) return undefined;
  const between = text.slice(last.end, start);
  return /^[’'s\s]*(?:[A-Z][\w.-]*\s+){0,4}$/.test(between) && !/[,;.]/.test(between) ? last.party : undefined;
};

/** Named people: the gazetteer's officials, compromise's person names, and "Name, a <role>" appositives. */
export const findPeople = (text: string, mentions: readonly Mention[], lowercased: boolean): Person[] => {
  const people: Person[] = [];
  const overlaps = (s: number, e: number) => people.some((p) => s < p.end && p.start < e);
  for (const m of mentions.filter((x) => x.kind === 'official')) {
    people.push({ start: m.start, end: m.end, name: m.label!, party: m.party, role: m.role, rule: 'person:gazetteer' });
  }
  const add = (start: number, end: number, rule: string) => {
    if (overlaps(start, end)) return;
    const name = text.slice(start, end);
    if (mentions.some((m) => m.start < end && start < m.end && m.kind !== 'official')) return;
    const own = affiliation(text, end, mentions);
    const party = own.party ?? (own.role ? undefined : prefixState(text, start, mentions)) ?? slugOf(name);
    people.push({ start, end, name: lowercased ? name.replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : name, party, role: own.role, rule });
  };
  if (!lowercased) {
    // Names by their company in the sentence: an appositive role, a speech verb or a title beside them.
    const name = String.raw`(\p{Lu}[\p{L}’'.-]+(?:\s+(?:(?:de|da|del|van|von|der|la|le)\s+)?\p{Lu}[\p{L}’'-]+){1,3})`;
    const patterns: [RegExp, string][] = [
      [new RegExp(String.raw`${name},\s+${ROLE_WORDS}\b`, 'gu'), 'person:appositive'],
      [new RegExp(String.raw`\b(?:said|says|told|stated|remarked|noted|asserted|according to)\s+${TITLE_WORDS}${name}`, 'gu'), 'person:after-speech-verb'],
      [new RegExp(String.raw`${TITLE_WORDS}${name}\s+(?:[\p{Ll}]+\s+){0,3}?(?:said|says|told|stated|asserted|remarked|noted|reiterated|announced|warned|added|argued|responded)\b`, 'gu'), 'person:before-speech-verb'],
      [new RegExp(String.raw`\b(?:Minister|President|Secretary|Ambassador|Representative|Commissioner|Chancellor|Premier|Governor|Senator|Dr\.|spokes(?:wo)?man|spokesperson)\s+${name}`, 'gu'), 'person:after-title'],
    ];
    for (const [re, rule] of patterns) {
      for (const m of text.matchAll(re)) {
        const raw = m[1];
        const at = m.index + m[0].indexOf(raw);
        const title = TITLES.exec(raw)?.[0].length ?? 0;
        const clean = raw.slice(title).replace(/[’']s$/u, '');
        if (!/\s/.test(clean) || NOT_A_NAME.test(clean)) continue;
        add(at + title, at + title + clean.length, rule);
      }
    }
  } else {
    for (const m of text.matchAll(new RegExp(String.raw`\bsaid\s+([a-z]+\s[a-z]+)\s+${ROLE_WORDS}\b`, 'g'))) {
      const start = m.index + m[0].indexOf(m[1]);
      add(start, start + m[1].length, 'person:said-appositive');
    }
    for (const m of text.matchAll(/(?<=\s\s|^)([a-z]+\s[a-z]+)\s+(?:head of|vice president of|a former|the head of|chief of)\b/g)) {
      add(m.index, m.index + m[1].length, 'person:appositive');
    }
  }
  // Later mentions by surname alone ("Kalach said") are the same person.
  for (const person of [...people]) {
    if (person.rule === 'person:gazetteer') continue;
    const surname = text.slice(person.start, person.end).split(/\s+/).pop()!;
    if (surname.length < 4) continue;
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}])${surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu'))) {
      if (!overlaps(m.index, m.index + surname.length)) people.push({ ...person, start: m.index, end: m.index + surname.length, rule: 'person:surname' });
    }
  }
  return people.sort((a, b) => a.start - b.start);
};

import { AGENCIES, OFFICIALS, PLACES, STATES } from '../../events/gazetteer';

/** A name found in the text and what it stands for. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: 'state' | 'capital' | 'official' | 'agency' | 'place';
  /** The party it stands for: an ISO code, or an actor slug (an industry body, a think tank). */
  party?: string;
  /** For officials and agencies: the name to print as the speaker. */
  label?: string;
  role?: string;
  /** Agencies of a state act for it; an official acts for the state or body they serve. */
  actsForState?: boolean;
}

interface Alias {
  pattern: string;
  kind: Mention['kind'];
  party?: string;
  label?: string;
  role?: string;
  actsForState?: boolean;
  /** All-caps acronyms and bare surnames must keep their case in normally written text. */
  caseSensitive: boolean;
}

/** Short all-caps aliases that are ordinary words once text is lower-cased ("us", "it"). */
const COMMON_WORD = /^(US|IT|ID|NO|IN|AM|BE|ME|OR|SO|TO|ITC|CBP|USA|UK)$/;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

const ALIASES: Alias[] = [
  ...PLACES.map((name): Alias => ({ pattern: name, kind: 'place', caseSensitive: false })),
  ...STATES.flatMap((s): Alias[] => [
    ...s.aliases.map((a): Alias => ({ pattern: a, kind: 'state', party: s.code, label: s.name, caseSensitive: a === a.toUpperCase() })),
    ...(s.capitals ?? []).map((c): Alias => ({ pattern: c, kind: 'capital', party: s.code, label: s.name, caseSensitive: true })),
  ]),
  ...OFFICIALS.flatMap((o): Alias[] => [
    { pattern: o.name, kind: 'official', party: o.party, label: o.name, role: o.role, caseSensitive: false },
    ...o.aliases.map((a): Alias => ({ pattern: a, kind: 'official', party: o.party, label: o.name, role: o.role, caseSensitive: true })),
  ]),
  ...AGENCIES.flatMap((g) =>
    [g.name, ...g.aliases].map((a): Alias => ({
      pattern: a, kind: 'agency', party: g.state ?? g.slug, label: g.name, actsForState: g.state !== undefined, caseSensitive: a === a.toUpperCase(),
    })),
  ),
];

interface Compiled {
  regex: RegExp;
  /** Aliases by their lower-cased, space-collapsed text, longest pattern first. */
  byText: Map<string, Alias[]>;
}

const keyOf = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ');

const compile = (lowercased: boolean): Compiled => {
  const usable = ALIASES.filter((a) => !lowercased || !(a.caseSensitive && COMMON_WORD.test(a.pattern)));
  // Longest first, so "Mexico City" is read before "Mexico" at the same place.
  const sorted = [...usable].sort((a, b) => b.pattern.length - a.pattern.length);
  const byText = new Map<string, Alias[]>();
  for (const a of sorted) byText.set(keyOf(a.pattern), [...(byText.get(keyOf(a.pattern)) ?? []), a]);
  const body = [...byText.keys()].map(escape).join('|');
  return { regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu'), byText };
};

const cached: { normal?: Compiled; lower?: Compiled } = {};

/** Lower-cased wire copy (punctuation stripped) is matched without case; normal text keeps acronyms' case. */
export const isLowercased = (text: string): boolean => {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  return letters > 200 && upper / letters < 0.005;
};

/**
 * Case rules in normally written text: acronyms and bare surnames as printed, one-word names with
 * their capital, longer names in any case but all lower ("Jamieson greer" yes, "the commission" no).
 */
const fits = (alias: Alias, matched: string, lowercased: boolean): boolean => {
  if (lowercased) return true;
  if (alias.caseSensitive) return matched.replace(/\s+/g, ' ') === alias.pattern;
  if (!/\s/.test(alias.pattern)) return matched[0] === matched[0].toUpperCase();
  return !(matched === matched.toLowerCase() && alias.pattern !== alias.pattern.toLowerCase());
};

const LOCATIVE = /\b(in|to|from|at|into|near|via|through|visit(ed|ing)?)\s+$/i;

/** Every gazetteer name in `text`, longest match first, places consuming the states they contain. */
export const findMentions = (text: string, lowercased: boolean): Mention[] => {
  const compiled = lowercased ? (cached.lower ??= compile(true)) : (cached.normal ??= compile(false));
  const found: Mention[] = [];
  compiled.regex.lastIndex = 0;
  for (let m = compiled.regex.exec(text); m; m = compiled.regex.exec(text)) {
    const matched = m[0];
    const alias = (compiled.byText.get(keyOf(matched)) ?? []).find((a) => fits(a, matched, lowercased));
    if (!alias) continue;
    if (alias.kind === 'capital' && LOCATIVE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    found.push({
      start: m.index, end: m.index + matched.length, text: matched, kind: alias.kind, party: alias.party,
      label: alias.label, role: alias.role, actsForState: alias.actsForState,
    });
  }
  return found.filter((x) => x.kind !== 'place');
};

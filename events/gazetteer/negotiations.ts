import { NegotiationEntry } from './types';

/** Known negotiations (the bundled history's and others); an article is matched by cue weights. */
export const NEGOTIATIONS: readonly NegotiationEntry[] = [
  {
    slug: 'nafta-renegotiation', title: 'NAFTA renegotiation', parties: ['US', 'MX', 'CA'],
    cues: [{ pattern: '\\bnafta\\b', weight: 3 }, { pattern: 'north america(n)? free trade agreement', weight: 3 }],
  },
  {
    slug: 'usmca-review-2026', title: 'USMCA joint review (2026)', parties: ['US', 'MX', 'CA'],
    cues: [{ pattern: '(joint|mandatory|six-year) review', weight: 3 }, { pattern: '\\b(usmca|cusma|t-mec)\\b', weight: 1 }],
  },
  {
    slug: 'steel-aluminum-talks-2025', title: 'U.S.–Mexico steel and aluminum tariff talks (2025)', parties: ['US', 'MX'],
    cues: [{ pattern: '\\bsheinbaum\\b', weight: 1 }, { pattern: 'steel', weight: 1 }, { pattern: 'alumin(i)?um', weight: 1 }],
  },
  {
    slug: 'us-mexico-critical-minerals', title: 'U.S.–Mexico critical minerals action plan', parties: ['US', 'MX'],
    cues: [{ pattern: 'critical minerals?', weight: 3 }],
  },
  {
    slug: 'us-china-trade-talks', title: 'U.S.–China trade talks', parties: ['US', 'CN'],
    cues: [{ pattern: '\\b(china|chinese|beijing)\\b', weight: 1 }, { pattern: '\\b(he lifeng|liu he|li chenggang|bessent)\\b', weight: 2 }],
  },
  {
    slug: 'us-eu-trade-talks', title: 'U.S.–EU trade talks', parties: ['US', 'EU'],
    cues: [{ pattern: '\\b(european union|european commission|eu|brussels)\\b', weight: 2 }, { pattern: '\\b(sefcovic|šefčovič|von der leyen|malmstrom|malmström)\\b', weight: 2 }],
  },
  {
    slug: 'us-japan-trade-talks', title: 'U.S.–Japan trade talks', parties: ['US', 'JP'],
    cues: [{ pattern: '\\b(japan|japanese|tokyo)\\b', weight: 2 }, { pattern: '\\b(akazawa|ishiba)\\b', weight: 2 }],
  },
  {
    slug: 'us-canada-trade-talks', title: 'U.S.–Canada trade talks', parties: ['US', 'CA'],
    cues: [{ pattern: '\\b(canada|canadian|ottawa)\\b', weight: 1 }, { pattern: '\\b(carney|leblanc|digital services tax)\\b', weight: 2 }],
  },
];

import { NEGOTIATIONS } from '../../events/gazetteer';
import { Mention } from './mentions';
import { NegotiationMatch } from './draft';

/** The negotiation an article is about: given, matched by the gazetteer's cues, or proposed from its states. */
export const matchNegotiation = (text: string, mentions: readonly Mention[], given?: string): NegotiationMatch => {
  if (given) {
    const known = NEGOTIATIONS.find((n) => n.slug === given);
    return { slug: given, title: known?.title ?? given, parties: known?.parties ?? [], proposed: false, how: 'given' };
  }
  const lower = text.toLowerCase();
  const scored = NEGOTIATIONS.map((n) => ({
    n,
    score: n.cues.reduce((sum, cue) => sum + Math.min(3, (lower.match(new RegExp(cue.pattern, 'g')) ?? []).length) * cue.weight, 0),
  })).sort((a, b) => b.score - a.score);
  if (scored[0] && scored[0].score >= 3) {
    const { n } = scored[0];
    return { slug: n.slug, title: n.title, parties: n.parties, proposed: false, how: 'matched' };
  }
  const counts = new Map<string, number>();
  for (const m of mentions) if (m.party && /^[A-Z]{2}$/.test(m.party) && (m.kind === 'state' || m.kind === 'capital' || m.kind === 'official')) counts.set(m.party, (counts.get(m.party) ?? 0) + 1);
  const parties = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([p]) => p).sort();
  const slug = parties.length > 0 ? `${parties.map((p) => p.toLowerCase()).join('-')}-trade-talks` : 'unassigned-trade-talks';
  return { slug, title: parties.length > 0 ? `${parties.join('–')} trade talks` : 'Trade talks', parties, proposed: true, how: 'proposed' };
};

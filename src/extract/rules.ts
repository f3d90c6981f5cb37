import { EventType } from '../../events';

/** A detection rule: where its pattern matches a sentence, an event of its type is proposed. */
export interface Rule {
  id: string;
  type: EventType;
  re: RegExp;
  /** When several rules fire in one sentence, the highest wins (secondary rules add their own drafts). */
  priority: number;
}

const r = (id: string, type: EventType, priority: number, source: string): Rule => ({ id, type, priority, re: new RegExp(source, 'giu') });

const DEAL = String.raw`(?:deal|agreement|accord|pact|understanding|framework|truce|arrangement)`;
const TARIFF = String.raw`(?:tariffs?|dut(?:y|ies)|levies|levy)`;
const PROBE = String.raw`(?:probe|investigation|inquiry)`;
const PROPOSAL = String.raw`(?:proposals?|offers?|demands?|ideas?|plans?|requests?|terms|compromises?)`;

/** Trade-negotiation news in general: no rule names a particular article, person or negotiation. */
export const RULES: readonly Rule[] = [
  // Agreeing to keep talking is not an agreement on substance.
  r('agreement.agreed', 'AgreementReached', 9, String.raw`\b(?:agreed|agree|agrees)\s+(?:to|on|that)\b(?!\s+(?:resume|continue|keep|meet|hold|extend|start|begin|launch|open|talk|negotiate|discuss)\b)`),
  r('agreement.reached-deal', 'AgreementReached', 9, String.raw`\b(?:reached|struck|signed|clinched|sealed|concluded|finali[sz]ed|inked)\s+(?:an?|the|their|its)?\s*(?:[\p{L}-]+\s+){0,3}${DEAL}\b`),
  r('agreement.deal-reached', 'AgreementReached', 9, String.raw`\b${DEAL}\s+(?:was|has been|had been)\s+(?:reached|struck|signed|sealed)\b`),
  r('probe.launched', 'ProbeLaunched', 8, String.raw`\b(?:launch(?:ed|es|ing)?|open(?:ed|s|ing)?|initiat(?:ed|es|ing)|start(?:ed|s)|beg[au]n|self-initiated|ordered)\s+(?:an?|the|its|a new)?\s*(?:[\p{L}-]+\s+){0,4}${PROBE}\b`),
  r('probe.would-examine', 'ProbeLaunched', 8, String.raw`\bwould\s+(?:examine|investigate|look into|study)\s+whether\b`),
  r('probe.concluded', 'ProbeConcluded', 8, String.raw`\b(?:(?:concluded|completed|wrapped up|finished|closed)\s+(?:its|the|an?)\s+(?:[\p{L}-]+\s+){0,3}${PROBE}|${PROBE}\s+(?:found|concluded|determined)\s+that)\b`),
  r('tariff.lifted', 'TariffLifted', 8, String.raw`\b(?:(?:lift(?:ed|s|ing)?|remov(?:e|ed|es|ing)|scrap(?:ped|s)?|eliminat(?:e|ed|es)|end(?:ed|s)?|suspend(?:ed|s)?|rolled back|roll back|drop(?:ped|s)?)\s+(?:the\s+|its\s+|their\s+)?(?:(?!demands?\b|proposals?\b|offers?\b|requests?\b|positions?\b)[\p{L}-]+\s+){0,3}${TARIFF}|${TARIFF}\s+(?:were|was|have been|has been|will be|would be)\s+(?:lifted|removed|eliminated|suspended|scrapped|dropped))\b`),
  r('tariff.cut', 'TariffImposed', 8, String.raw`\b(?:cut|cuts|lower|lowered|lowers|reduce|reduced|reduces|slash|slashed|raise|raised|raises|hike|hiked)\s+(?:the\s+|its\s+|their\s+)?(?:[\p{L}-]+\s+){0,3}${TARIFF}\b(?:[^.]|\.(?=\S)){0,60}?\bto\s+\d`),
  r('tariff.imposed', 'TariffImposed', 8, String.raw`\b(?:imposed|imposing|slapped|levied|applied|hiked|raised|introduced)\s+(?:an?|the|new|its|their)?\s*(?:[\p{L}\d%.-]+\s+){0,5}${TARIFF}\b|\b${TARIFF}\s+(?:took|have taken|came|went)\s+(?:into\s+)?effect\b`),
  r('tariff.announced', 'TariffAnnounced', 8, String.raw`\b(?:announced|announces|unveiled|will impose|would impose|plans to impose|planned to impose|set to impose|to impose|will apply|would apply|will levy|ordered)\s+(?:an?|the|new)?\s*(?:[\p{L}\d%.-]+\s+){0,5}${TARIFF}\b|\b${TARIFF}\s+(?:will|would|are set to|are due to)\s+(?:take effect|apply|start|rise)\b`),
  r('exemption.granted', 'ExemptionGranted', 8, String.raw`(?<!\bto be\s)\b(?:exempted|spared|granted\s+(?:an?\s+)?(?:\p{L}+\s+)?(?:exemptions?|waivers?|carve-?outs?)|(?:exemptions?|waivers?|carve-?outs?)\s+(?:were\s+|was\s+)?(?:granted|for|from))\b`),
  r('withdraw.dropped', 'PositionWithdrawn', 7, String.raw`\b(?:withdr(?:ew|awn|aws)|withdraw|dropped|drops|drop|abandon(?:ed|s)|scrapped|rescinded|backed (?:off|away from)|retreated from|walked back|gave up|softened)\s+(?:its|their|the|a|his|her)?\s*(?:[\p{L}-]+\s+){0,3}(?:demands?|proposals?|offers?|positions?|requests?|insistence|tax|levy|plan)\b|\b(?:demands?|proposals?|offers?|requests?)\s+(?:was|were|has been|had been|have been)\s+(?:dropped|withdrawn|abandoned|shelved)\b`),
  r('reject.rejected', 'ProposalRejected', 7, String.raw`\b(?:rejected|rejects|reject|rebuffed|turned down|dismissed|refused|criticized|criticised|balked at|shot down|ruled out|spurned)\s+(?:the\s+|an?\s+|their\s+|its\s+)?(?:[\p{L}.’'-]+\s+){0,3}${PROPOSAL}\b`),
  r('counter.countering', 'CounterofferMade', 7, String.raw`\b(?:counter(?:ing|ed|s)?\s+(?:an?|the)?\s*(?:[\p{L}.’'-]+\s+){0,3}${PROPOSAL}|counter-?offers?|counter-?proposals?)\b`),
  r('counter.responded-with', 'CounterofferMade', 7, String.raw`\b(?:responded|replied|answered)\s+to\s+(?:[\p{L}.’'-]+\s+){0,4}${PROPOSAL}\s+with\b`),
  r('offer.made-offer', 'OfferMade', 6, String.raw`\b(?:made|make|makes|presented|presents|submitted|tabled|put forward|floated|offered|sent)\s+(?:an?|the|its|their)?\s*(?:new|revised|fresh|formal|improved|series of)?\s*(?:[\p{L}-]+\s+){0,2}(?:offer|proposals?|compromises?|concessions?)\b`),
  r('offer.offered', 'OfferMade', 6, String.raw`\b(?:offered|offers|offering)\s+to\b`),
  r('offer.proposed', 'OfferMade', 6, String.raw`\b(?:has|have|had)?\s*(?:also\s+)?(?:proposed|proposes)\s+(?:that|to|an?|cutting|lowering|raising)\b`),
  r('launch.talks', 'NegotiationLaunched', 6, String.raw`\b(?:launch(?:ed)?|opened|kicked off|began|start(?:ed)?|agreed to (?:start|begin|open|launch))\s+(?:formal\s+)?(?:trade\s+)?(?:talks|negotiations)\b|\bordered the renegotiation\b|\bunveiled a (?:[\p{L}\d-]+\s+){0,3}plan\b`),
  r('threat.threatened', 'ThreatIssued', 6, String.raw`\b(?:threaten(?:s|ed|ing)?|vow(?:ed|s)? to (?:retaliate|respond|hit back)|(?:would|will) retaliate|warn(?:ed|s) (?:it|that|he|she|they) (?:would|will|could)|would respond with (?:its own |their own )?(?:countermeasures|retaliatory|counter-?tariffs|tariffs|trade actions|measures))\b`),
  // Demands referred to ("to meet U.S. demands") are not tabled here.
  r('demand.demanded', 'DemandTabled', 5, String.raw`(?<!\b(?:meet|address|satisfy|accommodate|meet the|address the|address the main|meet the main)\s)\b(?:demanded\b|demands?\s+(?:that|to|for)\b|[’']s demands?\b|(?:U\.S\.|American|\p{Lu}\p{L}+(?:an|ese|ian)) demands?\b)`),
  r('demand.wants', 'DemandTabled', 5, String.raw`\b(?:wants?|want to|is seeking|are seeking|was seeking|were seeking|seeks|sought|insist(?:s|ed)? (?:on|that)|call(?:s|ed)? for|push(?:es|ed|ing)? for|pressing for|pressed for|presses for|asked for|asks for|requested|requests|is demanding|are demanding|urged|urges)\b`),
  r('round.held', 'RoundHeld', 5, String.raw`\b(?:(?:closing|end|close|conclusion|wrap)\s+of\s+the\s+(?:[\p{L}-]+\s+){0,3}round|round\s+of\s+(?:talks|negotiations)\s+(?:ended|concluded|closed|wrapped up)|(?:held|hold) (?:a|the|their) (?:[\p{L}-]+\s+){0,2}round)\b`),
  r('deadline.set', 'DeadlineSet', 4, String.raw`\b(?:deadline|supposed to (?:finish|conclude|wrap up)|due to (?:finish|conclude|expire)|must (?:be )?(?:conclude|finish|complete)d? by|by the end of|expires? on|within \d+ days|(?:deal|agreement|accord|talks|negotiations)\s+by\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)`),
];

/** A sentence with no other trigger but a speaker on the record is a statement. */
export const STATEMENT_RULE = 'statement.attributed';

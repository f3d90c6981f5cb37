import { Extraction } from './draft';

const clip = (s: string, max: number): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

const describeData = (data: Record<string, unknown>): string[] => {
  const lines: string[] = [];
  const terms = data.terms as { metric: string; value?: number; unit?: string; text?: string }[] | undefined;
  if (terms) for (const t of terms) lines.push(`term ${t.metric}: ${t.value !== undefined ? `${t.value} ${t.unit}` : `"${clip(t.text ?? '', 70)}"`}`);
  const rate = data.rate as { value: number; unit: string } | undefined;
  if (rate) lines.push(`${data.measure} on ${data.product}: ${rate.value} ${rate.unit} → ${(data.targets as string[]).join(', ')}${data.effectiveOn ? ` from ${data.effectiveOn}` : ''}`);
  for (const key of ['speaker', 'threat', 'target', 'authority', 'subject', 'deadline', 'round', 'location', 'respondsTo', 'probe']) {
    if (typeof data[key] === 'string') lines.push(`${key}: ${clip(data[key] as string, 90)}`);
  }
  for (const key of ['parties', 'beneficiaries', 'metrics']) if (Array.isArray(data[key])) lines.push(`${key}: ${(data[key] as string[]).join(', ')}`);
  return lines;
};

/** The readable list `parley extract` prints: one block per draft, the quote with its offsets, and why. */
export const formatExtraction = (text: string, extraction: Extraction): string => {
  const { article, negotiation, drafts } = extraction;
  const head = [
    `${article.document}${article.title ? ` — ${article.title}` : ''}`,
    `published: ${article.publishedAt ?? 'unknown (pass --published YYYY-MM-DD)'}${article.dateSource === 'dateline' ? ' (from the dateline)' : ''}` +
      `${article.publisher ? ` · ${article.publisher}` : ''}`,
    `negotiation: ${negotiation.slug} (${negotiation.how}${negotiation.proposed ? ': no known negotiation matched; pass --negotiation' : ''})`,
    `${drafts.length} draft${drafts.length === 1 ? '' : 's'}; nothing is recorded until accepted (--accept, or the review panel)`,
    '',
  ];
  const blocks = drafts.map((d, i) => {
    const e = d.event;
    return [
      `${i + 1}. ${e.type}  ${e.party ?? '—'}${d.partyRole === 'other-actor' ? ' (other actor)' : ''}  ${e.issue ?? ''}  ${e.occurredAt}  ${e.confidence}`,
      `   "${clip(text.slice(d.span.start, d.span.end), 160)}" [${d.span.start}–${d.span.end}]`,
      ...describeData(e.data as Record<string, unknown>).map((l) => `   ${l}`),
      `   why: ${d.why.join(', ')}`,
      ...(d.needsReview.length > 0 ? [`   needs review: ${d.needsReview.join(', ')} (not recorded by --accept until completed)`] : []),
      `   id: ${d.id}`,
    ].join('\n');
  });
  return `${head.join('\n')}${blocks.join('\n\n')}\n`;
};

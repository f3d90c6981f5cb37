import type { MetricGap, ReplayStep } from './api';
import { formatPartialDate, formatSpread, formatTerm, metricLabel, partyName, partyShort, typeLabel } from './model';

const gapText = (gap: MetricGap) =>
  `${formatSpread(gap.spread, gap.unit)} (${gap.low.map(partyShort).join(', ')} low, ${gap.high.map(partyShort).join(', ')} high)`;

/** What one replay step changed, in words: the event, then positions, gaps, agreement and status. */
export const narrate = (step: ReplayStep, summary: string | undefined): { headline: string; lines: string[] } => {
  const { event } = step.event;
  const headline = `${formatPartialDate(event.occurredAt)} — ${summary ?? `${typeLabel(event.type)}${event.party ? ` by ${partyName(event.party)}` : ''}`}`;
  const lines: string[] = [];
  for (const change of step.diff.changes) {
    const who = `${partyName(change.party)}, ${metricLabel(change.metric).toLowerCase()}`;
    if (change.change === 'added' && change.after) lines.push(`${who}: now ${formatTerm(change.after)}.`);
    else if (change.change === 'removed' && change.before) lines.push(`${who}: ${formatTerm(change.before)} withdrawn.`);
    else if (change.before && change.after) lines.push(`${who}: ${formatTerm(change.before)} → ${formatTerm(change.after)}.`);
  }
  for (const gap of step.diff.gaps) {
    const metric = metricLabel(gap.metric).toLowerCase();
    if (!gap.before && gap.after) lines.push(`Gap on ${metric} opens: ${gapText(gap.after)}.`);
    else if (gap.before && !gap.after) lines.push(`Gap on ${metric} closes.`);
    else if (gap.before && gap.after) {
      const verb = gap.after.spread < gap.before.spread ? 'narrows' : gap.after.spread > gap.before.spread ? 'widens' : 'shifts';
      lines.push(`Gap on ${metric} ${verb}: ${formatSpread(gap.before.spread, gap.before.unit)} → ${gapText(gap.after)}.`);
    }
  }
  for (const agreed of step.diff.agreed) {
    if (agreed.after) lines.push(`Agreed ${metricLabel(agreed.metric).toLowerCase()}: ${formatTerm(agreed.after)}.`);
  }
  if (step.diff.status) lines.push(`Status: ${step.diff.status.from.replace('_', ' ')} → ${step.diff.status.to.replace('_', ' ')}.`);
  if (lines.length === 0) lines.push('No position changed.');
  return { headline, lines };
};

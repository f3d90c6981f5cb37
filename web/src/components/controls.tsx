import { useState } from 'preact/hooks';
import type { NegotiationSummary } from '../api';
import { slugLabel } from '../model';
import { AsOfControl, KnownAtControl } from './date-controls';
import { ReplayControls } from './replay-controls';

interface Props {
  list: NegotiationSummary[];
  negotiation: string | undefined;
  issue: string | undefined;
  asOf: string | undefined;
  fallbackAsOf: string | undefined;
  knownAt: string | undefined;
  minConfidence: string | undefined;
  range: [string, string];
  eventDays: string[];
  replay: { playing: boolean; index: number | null; count: number; play(): void; pause(): void; step(delta: number): void; stop(): void };
  onNegotiation: (negotiation: string) => void;
  onIssue: (issue: string) => void;
  onAsOf: (asOf: string | undefined) => void;
  onKnownAt: (knownAt: string | undefined) => void;
  onMinConfidence: (minConfidence: string | undefined) => void;
}

export const negotiationLabel = (item: Pick<NegotiationSummary, 'negotiation' | 'title'>): string => item.title ?? slugLabel(item.negotiation);

/** Copies the page's address (which always holds the view) to the clipboard. */
const CopyLink = () => {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('Link copied');
    } catch {
      setCopied('Copy the address bar: the clipboard is not available here');
    }
    setTimeout(() => setCopied(null), 4000);
  };
  return (
    <div class="copy-link">
      <button type="button" id="copy-link" onClick={copy}>
        Copy link
      </button>
      <span role="status" class="small muted">{copied ?? ''}</span>
    </div>
  );
};

/** What to show: negotiation, issue, day, moment of knowledge, replay, and a link to this view. */
export const Controls = (p: Props) => {
  const current = p.list.find((item) => item.negotiation === p.negotiation);
  return (
    <section class="controls" aria-label="What to show">
      <div class="field field-negotiation">
        <label for="negotiation">Negotiation</label>
        <select id="negotiation" value={p.negotiation ?? ''} onChange={(e) => p.onNegotiation(e.currentTarget.value)}>
          {p.list.map((item) => (
            <option key={item.negotiation} value={item.negotiation}>
              {negotiationLabel(item)}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-issue">
        <label for="issue">Issue</label>
        <select id="issue" value={p.issue ?? ''} onChange={(e) => p.onIssue(e.currentTarget.value)}>
          {(current?.issues ?? []).map((slug) => (
            <option key={slug} value={slug}>
              {slugLabel(slug)}
            </option>
          ))}
        </select>
      </div>
      <AsOfControl asOf={p.asOf} fallback={p.fallbackAsOf} range={p.range} eventDays={p.eventDays} onChange={p.onAsOf} />
      <KnownAtControl knownAt={p.knownAt} onChange={p.onKnownAt} />
      <div class="field field-confidence">
        <label for="min-confidence">Counting</label>
        <select id="min-confidence" value={p.minConfidence ?? ''} onChange={(e) => p.onMinConfidence(e.currentTarget.value || undefined)}>
          <option value="">every event</option>
          <option value="reported">reported or confirmed</option>
          <option value="confirmed">confirmed only</option>
        </select>
      </div>
      <ReplayControls
        playing={p.replay.playing}
        index={p.replay.index}
        count={p.replay.count}
        onPlay={p.replay.play}
        onPause={p.replay.pause}
        onStep={p.replay.step}
        onStop={p.replay.stop}
      />
      <CopyLink />
    </section>
  );
};

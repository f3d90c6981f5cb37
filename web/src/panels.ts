/**
 * Extra panels the page mounts as tabs under the main view (the review panel of web/src/review/
 * registers here). A panel is loaded only when its tab is opened, so it adds nothing to the first load.
 */
import type { ComponentType } from 'preact';

export interface PanelContext {
  negotiation: string | undefined;
  issue: string | undefined;
  asOf: string | undefined;
  /** The bearer token the reader entered for writes, if any. */
  token: string | undefined;
}

export interface ExtraPanel {
  id: string;
  title: string;
  load: () => Promise<ComponentType<PanelContext>>;
}

export const EXTRA_PANELS: ExtraPanel[] = [
  { id: 'review', title: 'Review an article', load: () => import('./review/review-panel').then((m) => m.ReviewPanel) },
];

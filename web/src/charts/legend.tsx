import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';
import { KINDS, partyName } from '../model';
import { withoutGroupLabels } from './use-width';

interface Props {
  colours: { domain: string[]; range: string[] };
  parties: string[];
  /** Also the legend of shapes (event kinds). */
  kinds: boolean;
}

/** Swatches for the parties' colours (and the kinds' shapes), drawn by Observable Plot. */
export const Legend = ({ colours, parties, kinds }: Props) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const range = parties.map((p) => colours.range[colours.domain.indexOf(p)] ?? '#555');
    const nodes: Element[] = [
      Plot.legend({ color: { type: 'categorical', domain: parties, range, tickFormat: (p: string) => partyName(p) } }) as Element,
    ];
    if (kinds) {
      nodes.push(
        Plot.legend({
          symbol: { domain: KINDS.map(([kind]) => kind), range: KINDS.map(([, symbol]) => symbol) },
          fill: '#3a3f45',
          stroke: '#3a3f45',
        }) as Element,
      );
    }
    nodes.forEach(withoutGroupLabels);
    container.replaceChildren(...nodes);
  }, [colours, parties.join(','), kinds]);
  return <div class="legend" ref={ref} aria-label="Legend" role="group" />;
};

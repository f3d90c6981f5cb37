import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { EXTRA_PANELS, PanelContext } from '../panels';

/** The registered extra panels (web/src/panels.ts) as tabs, each loaded when first opened. */
export const ExtraPanels = ({ context }: { context: PanelContext }) => {
  const [open, setOpen] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Record<string, ComponentType<PanelContext>>>({});
  if (EXTRA_PANELS.length === 0) return null;
  const choose = async (id: string) => {
    setOpen(id);
    const panel = EXTRA_PANELS.find((p) => p.id === id);
    if (panel && !loaded[id]) {
      const component = await panel.load();
      setLoaded((current) => ({ ...current, [id]: component }));
    }
  };
  const Current = open ? loaded[open] : undefined;
  return (
    <section class="area-extra" aria-label="More panels">
      <div role="tablist" class="tabs">
        {EXTRA_PANELS.map((p) => (
          <button key={p.id} type="button" role="tab" id={`tab-${p.id}`} aria-selected={open === p.id} aria-controls={`panel-${p.id}`} onClick={() => choose(p.id)}>
            {p.title}
          </button>
        ))}
      </div>
      {open ? (
        <div role="tabpanel" id={`panel-${open}`} aria-labelledby={`tab-${open}`}>
          {Current ? <Current {...context} /> : <p class="muted">Loading…</p>}
        </div>
      ) : null}
    </section>
  );
};

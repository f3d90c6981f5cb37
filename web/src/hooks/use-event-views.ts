import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { api, KnowledgeNote, StoredEvent, TimelineEntry } from '../api';
import { eventViews, EventView, originalIds } from '../events-view';
import { addDays, isCountry, orderParties, partyColours, todayDay, windowEnd, windowStart } from '../model';

/** The stored originals of corrected and retracted events (for "originally" and for struck-out entries), fetched once each. */
const useOriginals = (corrections: readonly StoredEvent[] | null) => {
  const [originals, setOriginals] = useState<ReadonlyMap<string, StoredEvent>>(new Map());
  useEffect(() => {
    const wanted = originalIds(corrections ?? []).filter((id) => !originals.has(id));
    if (wanted.length === 0) return;
    const controller = new AbortController();
    Promise.all(wanted.map((id) => api.event(id, controller.signal).catch(() => null))).then((events) => {
      if (controller.signal.aborted) return;
      setOriginals((current) => {
        const next = new Map(current);
        for (const event of events) if (event) next.set(event.id, event);
        return next;
      });
    });
    return () => controller.abort();
  }, [corrections]);
  return originals;
};

/** The negotiation's events as the page shows them, with the parties, colours and days the charts and controls share. */
export const useEventViews = (
  entries: readonly TimelineEntry[] | undefined,
  notes: readonly KnowledgeNote[] | undefined,
  corrections: readonly StoredEvent[] | null,
  asOf: string | undefined,
  listedParties: readonly string[],
) => {
  const originals = useOriginals(corrections);
  const views = useMemo(() => eventViews(entries ?? [], notes ?? [], corrections ?? [], originals), [entries, notes, corrections, originals]);
  const isCounted = useCallback((v: EventView) => !v.retracted && asOf !== undefined && v.entry.countsFrom <= asOf, [asOf]);
  const parties = useMemo(
    () => orderParties([...listedParties, ...views.map((v) => v.entry.event.party).filter((p): p is string => !!p)]),
    [listedParties.join(','), views],
  );
  const colours = useMemo(() => partyColours(parties), [parties.join(',')]);
  const colourOf = useCallback((party: string) => colours.range[colours.domain.indexOf(party)] ?? '#555', [colours]);

  const range = useMemo((): [string, string] => {
    if (views.length === 0) return [addDays(todayDay(), -365), todayDay()];
    const starts = views.map((v) => windowStart(v.entry.event.occurredAt)).sort();
    const ends = views.map((v) => windowEnd(v.entry.event.occurredAt)).sort();
    let [first, last] = [starts[0], ends[ends.length - 1]];
    if (asOf && asOf < first) first = asOf;
    if (asOf && asOf > last) last = asOf;
    return [first, last];
  }, [views, asOf]);
  const eventDays = useMemo(() => [...new Set(views.map((v) => v.entry.countsFrom))].sort(), [views]);
  const lanes = useMemo(() => {
    const present = new Set(views.map((v) => v.entry.event.party ?? 'joint'));
    const countries = parties.filter((p) => isCountry(p) && present.has(p));
    const others = [...present].some((p) => p !== 'joint' && !isCountry(p));
    return [...countries, ...(others ? ['others'] : []), ...(present.has('joint') ? ['joint'] : [])];
  }, [views, parties]);

  return { views, originals, isCounted, parties, colours, colourOf, range, eventDays, lanes };
};

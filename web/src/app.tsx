import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, IssueState, StoredEvent, streamUrls } from './api';
import { Legend } from './charts/legend';
import { PositionsChart } from './charts/positions-chart';
import { metricSeries, seriesDomain } from './charts/positions';
import { TimelineChart, TimelineItem } from './charts/timeline-chart';
import { AsOfControl, KnownAtControl } from './components/date-controls';
import { EventCard } from './components/event-card';
import { EventList } from './components/event-list';
import { LivePanel, LiveArrival } from './components/live-panel';
import { ReplayControls } from './components/replay-controls';
import { SidePanel } from './components/side-panel';
import { StateTable } from './components/state-table';
import { eventViews, EventView, knownAtBound, originalIds } from './events-view';
import { LiveStatus, openLiveStream } from './live';
import {
  addDays, EVENT_TYPES, formatInstant, formatPartialDate, isCountry, kindOf, orderParties, partyColours, slugLabel,
  todayDay, windowEnd, windowStart,
} from './model';
import { narrate } from './narrate';
import { useApi } from './use-api';
import { readViewParams, ViewParams, viewSearch } from './url-state';

/** The `event:` name of the issue-state stream's messages (unnamed "message" events are taken too). */
const STATE_EVENT_NAMES = ['IssueState'];
const FRESH_MS = 20_000;
const REPLAY_STEP_MS = 2_400;
const CARD_ID = 'event-card';

/** Puts the view in the address bar without a reload (and without a history entry per slider step). */
const writeViewParams = (view: ViewParams): void => {
  const search = viewSearch(view);
  if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
};

const withoutEmpty = (view: ViewParams): ViewParams =>
  Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined && v !== '')) as ViewParams;

export const App = () => {
  const [view, setViewState] = useState<ViewParams>(() => readViewParams(window.location.search));
  const setView = useCallback((patch: Partial<ViewParams>) => setViewState((v) => withoutEmpty({ ...v, ...patch })), []);
  const [version, setVersion] = useState(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => setVersion((n) => n + 1), 120);
  }, []);

  // ---- what is being looked at --------------------------------------------------------------
  const negotiations = useApi((signal) => api.negotiations(signal), [version]);
  const list = negotiations.data?.negotiations ?? [];
  const negotiation = list.find((n) => n.negotiation === view.negotiation) ?? list.find((n) => n.issues.length > 0) ?? list[0];
  const n = negotiation?.negotiation;
  const issue = negotiation ? (view.issue && negotiation.issues.includes(view.issue) ? view.issue : negotiation.issues[0]) : undefined;
  const notFound =
    negotiations.data && view.negotiation && view.negotiation !== n
      ? `No negotiation “${view.negotiation}”.`
      : negotiation && view.issue && view.issue !== issue
        ? `No issue “${view.issue}” in ${negotiation.title ?? n}.`
        : null;
  const at = { asOf: view.asOf, knownAt: view.knownAt };
  const effectiveAsOf = view.asOf ?? todayDay();

  useEffect(() => {
    if (negotiations.data) writeViewParams({ ...view, negotiation: n, issue });
  }, [view, n, issue, negotiations.data]);

  // ---- answers from the API -----------------------------------------------------------------
  const timeline = useApi(n ? (s) => api.timeline(n, view.knownAt, s) : null, [n, view.knownAt, version]);
  const corrections = useApi(n ? (s) => api.corrections(n, s) : null, [n, version]);
  const replay = useApi(n && issue ? (s) => api.replay(n, issue, view.knownAt, s) : null, [n, issue, view.knownAt, version]);
  const tariffs = useApi((s) => api.tariffs(at, s), [view.asOf, view.knownAt, version], 80);
  const probes = useApi((s) => api.probes(at, s), [view.asOf, view.knownAt, version], 80);

  const [issueState, setIssueState] = useState<IssueState | null>(null);
  const [stateLoading, setStateLoading] = useState(true);
  const [stateError, setStateError] = useState<string | null>(null);
  useEffect(() => {
    if (!n || !issue) return;
    const controller = new AbortController();
    setStateLoading(true);
    const timer = setTimeout(() => {
      api.issueState(n, issue, at, controller.signal).then(
        (state) => {
          if (controller.signal.aborted) return;
          setIssueState(state);
          setStateError(null);
          setStateLoading(false);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setStateError(error instanceof Error ? error.message : String(error));
          setStateLoading(false);
        },
      );
    }, 40);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [n, issue, view.asOf, view.knownAt, version]);

  // Stored originals of corrected and retracted events (for "originally" and for struck-out entries).
  const [originals, setOriginals] = useState<ReadonlyMap<string, StoredEvent>>(new Map());
  useEffect(() => {
    const wanted = originalIds(corrections.data ?? []).filter((id) => !originals.has(id));
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
  }, [corrections.data]);

  // ---- live ---------------------------------------------------------------------------------
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const [arrivals, setArrivals] = useState<LiveArrival[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const markFresh = useCallback((ids: string[]) => {
    setFresh((current) => new Set([...current, ...ids]));
    setTimeout(() => setFresh((current) => new Set([...current].filter((id) => !ids.includes(id)))), FRESH_MS);
  }, []);

  useEffect(() => {
    if (!n) return;
    let stream: { close(): void } | undefined;
    let cancelled = false;
    api.headPosition().then(
      (head) => {
        if (cancelled) return;
        stream = openLiveStream({
          url: (last) => streamUrls.events(n, last ?? head),
          events: EVENT_TYPES,
          lastEventId: head,
          onStatus: (status) => {
            setLiveStatus(status);
            // (Re)connected: catch up on anything recorded while the stream was not open.
            if (status === 'open') refresh();
          },
          onMessage: ({ data, lastEventId }) => {
            let stored: StoredEvent;
            try {
              stored = JSON.parse(data) as StoredEvent;
            } catch {
              return;
            }
            const target = (stored.data?.corrects ?? stored.data?.retracts) as string | undefined;
            markFresh(target ? [stored.id, target] : [stored.id]);
            setArrivals((current) => [{ event: stored, position: lastEventId, receivedAt: new Date().toISOString() }, ...current].slice(0, 6));
            refresh();
          },
        });
      },
      () => setLiveStatus('reconnecting'),
    );
    return () => {
      cancelled = true;
      stream?.close();
    };
  }, [n]);

  // The issue's state as a stream, while looking at what is known now.
  useEffect(() => {
    if (!n || !issue || view.knownAt) return;
    let stream: { close(): void } | undefined;
    const timer = setTimeout(() => {
      stream = openLiveStream({
        url: () => streamUrls.issueState(n, issue, view.asOf),
        events: STATE_EVENT_NAMES,
        onMessage: ({ data }) => {
          try {
            const parsed = JSON.parse(data) as IssueState | { state: IssueState };
            const state = 'state' in parsed ? parsed.state : parsed;
            if (state.negotiation !== n || state.issue !== issue || (view.asOf && state.asOf !== view.asOf)) return;
            setIssueState(state);
            setStateLoading(false);
          } catch {
            // not a state: ignore
          }
        },
      });
    }, 300);
    return () => {
      clearTimeout(timer);
      stream?.close();
    };
  }, [n, issue, view.asOf, view.knownAt]);

  // ---- derived views ------------------------------------------------------------------------
  const views = useMemo(
    () => eventViews(timeline.data?.entries ?? [], corrections.data ?? [], originals, view.knownAt),
    [timeline.data, corrections.data, originals, view.knownAt],
  );
  const isCounted = useCallback((v: EventView) => !v.retracted && v.entry.countsFrom <= effectiveAsOf, [effectiveAsOf]);
  const parties = useMemo(
    () => orderParties([...(negotiation?.parties ?? []), ...views.map((v) => v.entry.event.party).filter((p): p is string => !!p)]),
    [negotiation, views],
  );
  const colours = useMemo(() => partyColours(parties), [parties.join(',')]);
  const colourOf = useCallback((party: string) => colours.range[colours.domain.indexOf(party)] ?? '#555', [colours]);
  const lanes = useMemo(() => {
    const present = new Set(views.map((v) => v.entry.event.party ?? 'joint'));
    const countries = parties.filter((p) => isCountry(p) && present.has(p));
    const others = [...present].some((p) => p !== 'joint' && !isCountry(p));
    return [...countries, ...(others ? ['others'] : []), ...(present.has('joint') ? ['joint'] : [])];
  }, [views, parties]);

  const range = useMemo((): [string, string] => {
    if (views.length === 0) return [addDays(todayDay(), -365), todayDay()];
    const starts = views.map((v) => windowStart(v.entry.event.occurredAt)).sort();
    const ends = views.map((v) => windowEnd(v.entry.event.occurredAt)).sort();
    let [first, last] = [starts[0], addDays(ends[ends.length - 1], 7)];
    if (view.asOf && view.asOf < first) first = view.asOf;
    if (view.asOf && view.asOf > last) last = view.asOf;
    return [first, last];
  }, [views, view.asOf]);
  const chartDomain = useMemo((): [string, string] => {
    const span = Math.max(30, (Date.parse(range[1]) - Date.parse(range[0])) / 86_400_000);
    return [addDays(range[0], -Math.round(span * 0.02)), addDays(range[1], Math.round(span * 0.03))];
  }, [range]);
  const eventDays = useMemo(() => [...new Set(views.map((v) => v.entry.countsFrom))].sort(), [views]);

  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [allEvents, setAllEvents] = useState(false);
  const listed = useMemo(() => (allEvents ? views : views.filter((v) => v.entry.event.issue === issue)), [views, allEvents, issue]);
  const items = useMemo(
    (): TimelineItem[] =>
      views.map((v) => {
        const { event, precision } = v.entry;
        const party = event.party ?? 'joint';
        const marks = v.marks.map((m) => m.kind);
        return {
          id: v.id,
          party,
          lane: party === 'joint' ? 'joint' : isCountry(party) ? party : 'others',
          kind: kindOf(event.type),
          start: windowStart(event.occurredAt),
          endExclusive: addDays(windowEnd(event.occurredAt), 1),
          span: precision !== 'day',
          counted: isCounted(v),
          status: v.retracted ? 'retracted' : marks.includes('corrected') ? 'corrected' : 'in-force',
          fresh: fresh.has(v.id),
        };
      }),
    [views, isCounted, fresh],
  );

  const series = useMemo(() => metricSeries(replay.data?.steps ?? []), [replay.data]);
  const seriesDays = useMemo(() => seriesDomain(series, view.asOf), [series, view.asOf]);

  // ---- the event card (hover or focus) ---------------------------------------------------------
  const [card, setCard] = useState<{ id: string; element: Element } | null>(null);
  const [, setScrollTick] = useState(0);
  useEffect(() => {
    if (!card) return;
    let frame = 0;
    const follow = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTick((t) => t + 1));
    };
    window.addEventListener('scroll', follow, { passive: true });
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow);
      window.removeEventListener('resize', follow);
      cancelAnimationFrame(frame);
    };
  }, [card]);
  const showCard = useCallback((id: string | null, element: Element | null) => setCard(id && element ? { id, element } : null), []);
  const hideCard = useCallback(() => setCard(null), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setCard(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const cardView = card ? views.find((v) => v.id === card.id) : undefined;
  const cardStyle = useMemo((): Record<string, string> | undefined => {
    if (!card || !card.element.isConnected) return undefined;
    const rect = card.element.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    if (rect.width < 60 && window.innerWidth > 640) {
      // A mark on the chart: beside it, so the marks around it stay visible.
      const side = rect.right + 14 + width < window.innerWidth ? rect.right + 14 : rect.left - 14 - width;
      const top = Math.max(8, Math.min(rect.top - 40, window.innerHeight - 420));
      return { left: `${Math.max(8, side)}px`, top: `${top}px`, width: `${width}px` };
    }
    const left = Math.max(8, Math.min(rect.left + Math.min(rect.width, 40), window.innerWidth - width - 8));
    return rect.top > window.innerHeight / 2
      ? { left: `${left}px`, bottom: `${window.innerHeight - rect.top + 8}px`, width: `${width}px` }
      : { left: `${left}px`, top: `${rect.bottom + 8}px`, width: `${width}px` };
  }, [card, card?.element.getBoundingClientRect().top]);

  const pick = useCallback(
    (id: string) => {
      const picked = views.find((v) => v.id === id);
      if (!picked) return;
      setSelectedId(id);
      setView({ asOf: picked.entry.countsFrom });
    },
    [views, setView],
  );

  // ---- replay -------------------------------------------------------------------------------
  const steps = replay.data?.steps ?? [];
  const [replayIndex, setReplayIndex] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  // The step shown moves the as-of day to its event and rings the event.
  const stepsRef = useRef(steps);
  stepsRef.current = steps;
  useEffect(() => {
    const step = replayIndex === null ? undefined : stepsRef.current[replayIndex];
    if (!step) return;
    setSelectedId(step.event.event.id);
    setView({ asOf: step.event.countsFrom });
  }, [replayIndex]);
  const stepBy = useCallback((delta: number) => {
    setReplayIndex((current) => Math.max(0, Math.min(stepsRef.current.length - 1, (current ?? -1) + delta)));
  }, []);
  useEffect(() => {
    if (!playing) return;
    if ((replayIndex ?? -1) + 1 >= steps.length) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => stepBy(1), replayIndex === null ? 0 : REPLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, replayIndex, steps.length, stepBy]);
  useEffect(() => {
    setPlaying(false);
    setReplayIndex(null);
  }, [n, issue, view.knownAt]);
  const summaries = useMemo(() => new Map(views.map((v) => [v.id, v.entry.summary])), [views]);
  const narration = replayIndex !== null && steps[replayIndex] ? narrate(steps[replayIndex], summaries.get(steps[replayIndex].event.event.id)) : null;

  // ---- page ---------------------------------------------------------------------------------
  const issueTitle = issue ? slugLabel(issue) : '';
  const knownAtLabel = view.knownAt ? `as known at ${formatInstant(knownAtBound(view.knownAt) as string)}` : 'as known now';
  const asOfLabel = `As of ${view.asOf ? formatPartialDate(view.asOf) : `today (${formatPartialDate(todayDay())})`}, ${knownAtLabel}`;
  const errors = [negotiations.error, timeline.error, replay.error, stateError, tariffs.error, probes.error].filter(Boolean);

  return (
    <>
      <a class="skip-link" href="#state-heading">Skip to the state table</a>
      <header class="page-header">
        <div>
          <h1>Parley</h1>
          <p class="tagline">Negotiations as sourced events: who stood where, when, as known when.</p>
        </div>
        <a class="api-link" href="/docs">API docs</a>
      </header>

      <section class="controls" aria-label="What to show">
        <div class="field field-negotiation">
          <label for="negotiation">Negotiation</label>
          <select
            id="negotiation"
            value={n ?? ''}
            onChange={(e) => setView({ negotiation: e.currentTarget.value, issue: undefined })}
          >
            {list.map((item) => (
              <option key={item.negotiation} value={item.negotiation}>
                {item.title ?? slugLabel(item.negotiation)}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-issue">
          <label for="issue">Issue</label>
          <select id="issue" value={issue ?? ''} onChange={(e) => setView({ negotiation: n, issue: e.currentTarget.value })}>
            {(negotiation?.issues ?? []).map((slug) => (
              <option key={slug} value={slug}>
                {slugLabel(slug)}
              </option>
            ))}
          </select>
        </div>
        <AsOfControl
          asOf={view.asOf}
          range={range}
          eventDays={eventDays}
          onChange={(asOf) => {
            setPlaying(false);
            setView({ asOf });
          }}
        />
        <KnownAtControl knownAt={view.knownAt} onChange={(knownAt) => setView({ knownAt })} />
        <ReplayControls
          playing={playing}
          index={replayIndex}
          count={steps.length}
          onPlay={() => {
            if (replayIndex !== null && replayIndex >= steps.length - 1) setReplayIndex(null);
            setPlaying(true);
          }}
          onPause={() => setPlaying(false)}
          onStep={(delta) => {
            setPlaying(false);
            stepBy(delta);
          }}
          onStop={() => {
            setPlaying(false);
            setReplayIndex(null);
          }}
        />
      </section>

      <div class="narration" aria-live="polite" id="narration">
        {narration ? (
          <>
            <p class="narration-step">
              Step {(replayIndex ?? 0) + 1} of {steps.length}: <strong>{narration.headline}</strong>
            </p>
            <ul>
              {narration.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>

      {notFound ? <p class="notice" role="status">{notFound} Showing {negotiation?.title ?? n}{issue ? `, ${slugLabel(issue)}` : ''}.</p> : null}
      {errors.length > 0 ? (
        <p class="notice notice-error" role="alert">
          {errors.join(' · ')}
        </p>
      ) : null}

      <main class="layout">
        <section class="area-state" aria-labelledby="state-heading">
          <h2 id="state-heading" tabIndex={-1}>
            Where they stand{issue ? `: ${issueTitle}` : ''}
          </h2>
          <StateTable state={issueState} issueTitle={issueTitle} loading={stateLoading} knownAtLabel={knownAtLabel} />
        </section>

        <aside class="area-side" aria-label="Measures and live updates">
          <LivePanel status={liveStatus} arrivals={arrivals} />
          <SidePanel tariffs={tariffs.data} probes={probes.data} negotiation={n ?? ''} asOfLabel={asOfLabel} />
        </aside>

        <section class="area-positions" aria-labelledby="positions-heading">
          <h2 id="positions-heading">Positions over time</h2>
          {series.length > 0 && seriesDays ? (
            <>
              <Legend colours={colours} parties={orderParties(series.flatMap((s) => s.parties))} kinds={false} />
              <div class="positions-grid">
                {series.map((s) => (
                  <PositionsChart key={s.metric} series={s} colours={colours} domain={seriesDays} asOf={view.asOf} />
                ))}
              </div>
              <p class="muted small">Step lines: each party's standing number; shaded: the gap between the lowest and the highest; dashed: the chosen day.</p>
            </>
          ) : (
            <p class="muted">{replay.loading ? 'Loading…' : 'No numeric positions on this issue (yet).'}</p>
          )}
        </section>

        <section class="area-timeline" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline{negotiation ? `: ${negotiation.title ?? slugLabel(negotiation.negotiation)}` : ''}</h2>
          <Legend colours={colours} parties={parties.filter((p) => views.some((v) => (v.entry.event.party ?? 'joint') === p))} kinds />
          <TimelineChart
            items={items}
            lanes={lanes}
            colours={colours}
            domain={chartDomain}
            asOf={view.asOf ?? (todayDay() <= chartDomain[1] ? todayDay() : undefined)}
            selectedId={selectedId}
            onPoint={showCard}
            onPick={pick}
          />
          <div class="event-list-head">
            <h3 id="event-list-heading">
              {allEvents ? 'All events' : `Events on ${issueTitle}`} ({listed.length})
            </h3>
            <label class="check">
              <input type="checkbox" checked={allEvents} onChange={(e) => setAllEvents(e.currentTarget.checked)} /> every issue
              ({views.length})
            </label>
          </div>
          <p id="event-list-help" class="muted small">
            Arrow keys move through the events and show each one's card; Enter moves the as-of day to it. Dimmed: not yet counted on the chosen day.
          </p>
          <EventList
            views={listed}
            activeId={card?.id ?? selectedId}
            isCounted={isCounted}
            fresh={fresh}
            cardId={CARD_ID}
            cardFor={card?.id}
            issue={issue ?? ''}
            colourOf={colourOf}
            onActivate={(id, element) => showCard(id, element)}
            onLeave={hideCard}
            onPick={pick}
          />
        </section>
      </main>

      {cardView && cardStyle ? (
        <EventCard
          view={cardView}
          original={originals.get(cardView.id)}
          counted={isCounted(cardView)}
          id={CARD_ID}
          style={cardStyle}
        />
      ) : null}
    </>
  );
};

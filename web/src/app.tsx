import { lazy, Suspense } from 'preact/compat';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { StoredEvent } from './api';
import { AboutPanel } from './components/about-panel';
import { ComparePanel } from './components/compare-panel';
import { Controls, negotiationLabel } from './components/controls';
import { applyFilter, EventFilter, EventFilters } from './components/event-filters';
import { EventList } from './components/event-list';
import { ExportButtons } from './components/export-buttons';
import { ExtraPanels } from './components/extra-panels';
import { LatestWord } from './components/latest-word';
import { LivePanel } from './components/live-panel';
import { Narration } from './components/narration';
import { SidePanel } from './components/side-panel';
import { SourcePanel } from './components/source-panel';
import { StateTable } from './components/state-table';
import { StatusBanner } from './components/status-banner';
import type { EventView } from './events-view';
import { knownAtBound } from './events-view';
import { isStale } from './hooks/use-api';
import { topicsOf, useAnswers } from './hooks/use-answers';
import { useEventViews } from './hooks/use-event-views';
import { useFresh } from './hooks/use-fresh';
import { useLive } from './hooks/use-live';
import { useReplay } from './hooks/use-replay';
import { useView } from './hooks/use-view';
import { formatInstant, formatPartialDate, isCountry, kindOf, slugLabel } from './model';
import { plainSummary } from './plain';
import { stateRows, eventRows } from './export-rows';
import type { RecordMode } from './record/record-dialog';

const RecordDialog = lazy(() => import('./record/record-dialog'));
// The charts (Observable Plot, most of the page's code) load after the table: the answer comes first.
const PositionsSection = lazy(() => import('./components/positions-section').then((m) => ({ default: m.PositionsSection })));
const TimelineSection = lazy(() => import('./components/timeline-section').then((m) => ({ default: m.TimelineSection })));
const chartsLoading = <p class="muted area-positions">Loading the charts…</p>;

const TOKEN_KEY = 'parley-token';

export const App = () => {
  const { view, setView, urlProblems, dismissUrlProblems } = useView();
  const [tariffTarget, setTariffTarget] = useState<string | undefined>();
  const answers = useAnswers(view, tariffTarget);
  const { listing, n, issue, asOf, timeline, corrections, replay, state, tariffs, probes, refresh } = answers;

  // Fill the address with the negotiation and issue chosen by default, so the link names them.
  useEffect(() => {
    if (!n || !issue || (view.negotiation === n && view.issue === issue)) return;
    if (view.negotiation && view.negotiation !== n) return; // an unknown name: keep it, the notice names it
    const params = new URLSearchParams(window.location.search);
    params.set('negotiation', n);
    params.set('issue', issue);
    window.history.replaceState(null, '', `${window.location.pathname}?${params}${window.location.hash}`);
  }, [n, issue, view.negotiation, view.issue]);

  const events = useEventViews(timeline.data?.entries, timeline.data?.knowledge, corrections.data, asOf, listing?.parties ?? []);
  const { views, isCounted, colours, colourOf, parties } = events;
  const titleOf = useCallback(
    (id: string) => {
      const found = views.find((v) => v.id === id);
      return found ? `${found.entry.event.party ? `${found.entry.event.party}'s ` : ''}${found.entry.event.type === 'CounterofferMade' ? 'counteroffer' : found.entry.event.type === 'DemandTabled' ? 'demand' : 'proposal'} of ${formatPartialDate(found.entry.event.occurredAt)}` : undefined;
    },
    [views],
  );

  // ---- live -------------------------------------------------------------------------------------
  const { fresh, markFresh } = useFresh();
  const [toast, setToast] = useState<string | null>(null);
  const live = useLive(n, {
    onEvent: (event: StoredEvent) => {
      const target = (event.data?.corrects ?? event.data?.retracts) as string | undefined;
      markFresh(target ? [event.id, target] : [event.id]);
      refresh(topicsOf(event, issue));
    },
    onResumed: () => refresh(),
  });

  // ---- replay -----------------------------------------------------------------------------------
  const steps = replay.data?.steps ?? [];
  const setStep = useCallback((step: string | undefined) => setView({ step }), [setView]);
  const player = useReplay(steps, view.step, setStep);
  const stepEvent = player.current?.event;
  useEffect(() => {
    if (stepEvent && stepEvent.countsFrom !== view.asOf) setView({ asOf: stepEvent.countsFrom });
  }, [stepEvent?.event.id]);
  useEffect(() => {
    if (view.step && replay.data && steps.length === 0) setView({ step: undefined });
  }, [replay.data]);

  // ---- source panel, forms -------------------------------------------------------------------------
  const pinned = view.event ? views.find((v) => v.id === view.event) : undefined;
  // On wide screens the page makes room for the pinned panel instead of hiding what is under it.
  useEffect(() => {
    document.body.classList.toggle('has-source-panel', pinned !== undefined);
  }, [pinned !== undefined]);
  const [token, setTokenState] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const setToken = (value: string) => {
    setTokenState(value);
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  };
  const [recording, setRecording] = useState<RecordMode | null>(null);
  const openForm = (kind: 'correct' | 'retract', v: EventView) => setRecording({ kind, event: { ...v.entry.event } as unknown as Record<string, unknown> & { id: string } });

  // ---- filters ----------------------------------------------------------------------------------
  const [filter, setFilter] = useState<EventFilter>({ scope: 'issue' });
  const listed = useMemo(() => applyFilter(views, filter, issue, kindOf), [views, filter, issue]);

  // The charts' code is fetched once the first table is on screen, so it does not compete with the answers for a slow link.
  const [chartsWanted, setChartsWanted] = useState(false);
  useEffect(() => {
    if (state.data && !chartsWanted) setChartsWanted(true);
  }, [state.data]);

  // ---- labels -----------------------------------------------------------------------------------
  const issueTitle = issue ? slugLabel(issue) : '';
  const title = listing ? negotiationLabel(listing) : '';
  const knownAtLabel =
    (view.knownAt ? `as known at ${formatInstant(knownAtBound(view.knownAt) as string)}` : 'as known now') +
    (view.minConfidence === 'confirmed' ? ', confirmed events only' : view.minConfidence === 'reported' ? ', reported or confirmed events only' : '');
  const asOfLabel = asOf ? `As of ${formatPartialDate(asOf)}${view.asOf ? '' : ' (last event day)'}, ${knownAtLabel}` : '';
  useEffect(() => {
    document.title = listing ? `${issueTitle ? `${issueTitle} — ` : ''}${title}${asOf ? `, ${formatPartialDate(asOf)}` : ''} · Parley` : 'Parley — negotiation timeline';
  }, [listing, issueTitle, title, asOf]);

  const notices = [...urlProblems];
  if (answers.negotiations.data && view.negotiation && !listing) notices.push(`No negotiation “${view.negotiation}”: choose one above.`);
  if (listing && view.issue && view.issue !== issue) notices.push(`No issue “${view.issue}” in ${title}; showing ${issueTitle}.`);
  const all = [answers.negotiations, timeline, corrections, replay, state, tariffs, probes];
  const retrying = all.some((a) => a.loading);

  // During a replay the table shows the state right after the step, not the end of its day.
  const shownState = player.current ? player.current.state : state.data;
  const stepLabel = player.current ? `after step ${(player.index ?? 0) + 1} of ${player.count} (${formatPartialDate(player.current.event.event.occurredAt)})` : undefined;
  const stateStale = !player.current && (isStale(state) || (state.data !== null && state.key === null));

  return (
    <>
      <nav class="skip-links" aria-label="Skip links">
        <a class="skip-link" href="#state-heading">Skip to the state table</a>
        <a class="skip-link" href="#event-list-heading">Skip to the events</a>
      </nav>
      <header class="page-header">
        <div>
          <h1>Parley</h1>
          <p class="tagline">Negotiations as sourced events: who stood where, when, as known when.</p>
        </div>
        <div class="header-links">
          <button type="button" id="record-event" onClick={() => setRecording({ kind: 'record' })} disabled={!n}>
            Record an event
          </button>
          <a class="api-link" href="/docs">API docs</a>
        </div>
      </header>

      <Controls
        list={answers.list}
        negotiation={n}
        issue={issue}
        asOf={view.asOf}
        fallbackAsOf={asOf}
        knownAt={view.knownAt}
        minConfidence={view.minConfidence}
        range={events.range}
        eventDays={events.eventDays}
        replay={player}
        onNegotiation={(negotiation) => setView({ negotiation, issue: undefined, asOf: undefined, event: undefined, step: undefined, compare: undefined })}
        onIssue={(next) => setView({ negotiation: n, issue: next, step: undefined, compare: undefined })}
        onAsOf={(next) => setView({ asOf: next, step: undefined })}
        onKnownAt={(knownAt) => setView({ knownAt, step: undefined })}
        onMinConfidence={(minConfidence) => setView({ minConfidence, step: undefined })}
      />
      <Narration step={player.current} index={player.index} count={player.count} summary={player.current ? plainSummary(player.current.event.event, titleOf) : undefined} />
      <StatusBanner errors={all.map((a) => a.error)} notices={notices} retrying={retrying} onRetry={() => refresh()} onDismissNotices={dismissUrlProblems} />
      {toast ? (
        <p class="notice" role="status" id="toast">
          {toast}
        </p>
      ) : null}

      <main class="layout">
        <section class="area-state" aria-labelledby="state-heading">
          <div class="section-head">
            <h2 id="state-heading" tabIndex={-1}>
              Where they stand{shownState && !stateStale ? `: ${issueTitle}` : shownState ? `: ${slugLabel(shownState.issue)} (not updated)` : ''}
            </h2>
            {shownState ? (
              <ExportButtons
                name={`state-${shownState.negotiation}-${shownState.issue}-${shownState.asOf}`}
                label="the state table"
                rows={() => stateRows(shownState)}
              />
            ) : null}
          </div>
          <StateTable
            state={shownState}
            issueTitle={issueTitle}
            loading={state.loading}
            stale={stateStale}
            knownAtLabel={knownAtLabel}
            stepLabel={stepLabel}
            onOpen={(id) => setView({ event: id })}
          />
          {n && issue && asOf ? (
            <ComparePanel negotiation={n} issue={issue} asOf={asOf} knownAt={view.knownAt} compare={view.compare} onCompare={(compare) => setView({ compare })} />
          ) : null}
        </section>

        <section class="area-events" aria-labelledby="event-list-heading">
          <div class="section-head">
            <h2 id="event-list-heading" tabIndex={-1}>
              {filter.scope === 'all' ? 'All events' : `Events on ${issueTitle}`} ({listed.length})
            </h2>
          </div>
          <EventFilters filter={filter} parties={parties} total={views.length} onChange={setFilter} />
          <p id="event-list-help" class="muted small">
            Select an event (or move with the arrow keys and press Enter) to pin its source. Dimmed: not yet counted on the chosen day.
          </p>
          <div class={isStale(timeline) ? 'is-stale' : ''}>
            <EventList views={listed} selectedId={view.event} isCounted={isCounted} fresh={fresh} issue={issue ?? ''} colourOf={colourOf} titleOf={titleOf} onOpen={(id) => setView({ event: id })} />
          </div>
          <ExportButtons name={`events-${n ?? ''}${filter.scope === 'all' ? '' : `-${issue ?? ''}`}`} label="the event list" rows={() => eventRows(listed, isCounted)} />
        </section>

        <aside class="area-side" aria-label="Measures, live updates and sources">
          <LivePanel status={live.status} arrivals={live.arrivals} />
          <SidePanel
            tariffs={tariffs.data}
            tariffsStale={isStale(tariffs)}
            probes={probes.data}
            probesStale={isStale(probes)}
            asOfLabel={asOfLabel}
            countries={parties.filter(isCountry)}
            target={tariffTarget}
            onTarget={setTariffTarget}
          />
          <LatestWord views={views} isCounted={isCounted} onOpen={(id) => setView({ event: id })} />
          <AboutPanel views={views} title={title} />
        </aside>

        {chartsWanted ? (
        <Suspense fallback={chartsLoading}>
          <PositionsSection steps={steps} colours={colours} asOf={asOf} loading={replay.loading} possible={state.data?.possible ?? []} />
        </Suspense>
        ) : (
          chartsLoading
        )}
        {chartsWanted ? (
        <Suspense fallback={null}>
        <TimelineSection
          title={title}
          views={views}
          listed={listed}
          lanes={events.lanes}
          parties={parties}
          colours={colours}
          range={events.range}
          asOf={asOf}
          issue={issue}
          selectedId={view.event}
          fresh={fresh}
          isCounted={isCounted}
          onOpen={(id) => setView({ event: id })}
          />
        </Suspense>
        ) : null}
        <ExtraPanels context={{ negotiation: n, issue, asOf, token: token || undefined }} />
      </main>

      {pinned ? (
        <SourcePanel
          view={pinned}
          original={events.originals.get(pinned.id)}
          counted={isCounted(pinned)}
          titleOf={titleOf}
          canWrite
          onClose={() => {
            setView({ event: undefined });
            document.querySelector<HTMLElement>(`.event-list [data-event-id="${CSS.escape(pinned.id)}"]`)?.focus();
          }}
          onGoToDay={(day) => setView({ asOf: day, step: undefined })}
          onKnownAt={(knownAt) => setView({ knownAt, step: undefined })}
          onCorrect={(v) => openForm('correct', v)}
          onRetract={(v) => openForm('retract', v)}
        />
      ) : null}
      {recording && n ? (
        <Suspense fallback={<p class="notice">Loading the form…</p>}>
          <RecordDialog
            mode={recording}
            negotiation={n}
            issue={issue}
            token={token}
            onToken={setToken}
            onClose={() => setRecording(null)}
            onRecorded={(message) => {
              setToast(`${message} It appears below as soon as the live stream brings it.`);
              setTimeout(() => setToast(null), 8000);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
};

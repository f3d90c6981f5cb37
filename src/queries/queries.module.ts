import { Module } from '@nestjs/common';
import { GetDeadlinesHandler } from './deadlines.handler';
import { GetEventHandler, ListEventsHandler } from './events.handler';
import { HistoryCache } from './history-cache';
import { DiffIssueHandler, ReplayIssueHandler } from './issue-replay.handler';
import { GetIssueStateHandler } from './issue-state.handler';
import { NegotiationDirectory } from './negotiation-directory';
import { GetNegotiationOverviewHandler, ListNegotiationsHandler } from './negotiation-overview.handler';
import { GetOpenProbesHandler } from './open-probes.handler';
import { StoreEventBridge } from './store-event-bridge';
import { GetTariffsInForceHandler } from './tariffs-in-force.handler';
import { GetTimelineHandler } from './timeline.handler';

@Module({
  providers: [
    StoreEventBridge,
    HistoryCache,
    NegotiationDirectory,
    GetIssueStateHandler,
    ReplayIssueHandler,
    DiffIssueHandler,
    GetTariffsInForceHandler,
    GetOpenProbesHandler,
    GetNegotiationOverviewHandler,
    ListNegotiationsHandler,
    GetTimelineHandler,
    ListEventsHandler,
    GetEventHandler,
    GetDeadlinesHandler,
  ],
  exports: [StoreEventBridge, HistoryCache],
})
export class QueriesModule {}

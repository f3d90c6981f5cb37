import { Inject, Injectable } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { EventsRecorded } from './events-recorded.event';
import { AmbiguousNameError } from './ambiguous-name.error';
import { NotFoundError } from './not-found.error';
import { StoreEventBridge } from './store-event-bridge';

/**
 * Which negotiations and issues exist (have events), from the store's summary and kept current by
 * the EventBus. Resolves names and says what exists when a name is wrong.
 */
@Injectable()
@EventsHandler(EventsRecorded)
export class NegotiationDirectory implements IEventHandler<EventsRecorded> {
  private issues?: Map<string, Map<string, number>>;
  private loading?: Promise<Map<string, Map<string, number>>>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bridge: StoreEventBridge,
  ) {}

  handle({ events }: EventsRecorded): void {
    const issues = this.issues;
    if (issues) for (const event of events) this.count(issues, event.negotiation, event.issue ?? null, 1);
  }

  async negotiations(): Promise<string[]> {
    return [...(await this.index()).keys()].sort();
  }

  async issuesOf(negotiation: string): Promise<string[]> {
    await this.requireNegotiation(negotiation);
    return [...((await this.index()).get(negotiation)?.keys() ?? [])].filter((i) => i !== '').sort();
  }

  /** How many events a negotiation holds (as recorded now). */
  async eventCount(negotiation: string): Promise<number> {
    return [...((await this.index()).get(negotiation)?.values() ?? [])].reduce((sum, n) => sum + n, 0);
  }

  async requireNegotiation(negotiation: string): Promise<void> {
    const index = await this.index();
    if (!index.has(negotiation)) throw new NotFoundError('negotiation', negotiation, [...index.keys()].sort());
  }

  /** The negotiation of an issue: the one given, or the only one that has the issue. */
  async resolveIssue(issue: string, negotiation?: string): Promise<{ negotiation: string; issue: string }> {
    const index = await this.index();
    if (negotiation !== undefined) {
      // One catch-up and two lookups: this runs on every as-of query.
      const issues = index.get(negotiation);
      if (!issues) throw new NotFoundError('negotiation', negotiation, [...index.keys()].sort());
      if (issue === '' || !issues.has(issue)) {
        throw new NotFoundError(`issue in negotiation "${negotiation}"`, issue, [...issues.keys()].filter((i) => i !== '').sort());
      }
      return { negotiation, issue };
    }
    const holders = [...index].filter(([, issues]) => issues.has(issue)).map(([n]) => n).sort();
    if (holders.length === 1) return { negotiation: holders[0], issue };
    if (holders.length > 1) throw new AmbiguousNameError('issue', issue, holders);
    const all = [...new Set([...index.values()].flatMap((issues) => [...issues.keys()]).filter((i) => i !== ''))].sort();
    throw new NotFoundError('issue', issue, all);
  }

  private async index(): Promise<Map<string, Map<string, number>>> {
    await this.bridge.caughtUp();
    if (this.issues) return this.issues;
    this.loading ??= this.store.summary().then((rows) => {
      const index = new Map<string, Map<string, number>>();
      rows.forEach((row) => this.count(index, row.negotiation, row.issue, row.events));
      return (this.issues = index);
    });
    return this.loading;
  }

  private count(index: Map<string, Map<string, number>>, negotiation: string, issue: string | null, n: number): void {
    const issues = index.get(negotiation) ?? new Map<string, number>();
    issues.set(issue ?? '', (issues.get(issue ?? '') ?? 0) + n);
    index.set(negotiation, issues);
  }
}

import { QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParleyEvent, streamOf } from '../../events';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/parley-config';
import { GetIssueState } from '../../src/queries/issue-state.query';
import { EVENT_STORE } from '../../src/store/event-store.port';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { countingStore } from '../support/counting-store';

const ISSUES = ['auto-rules-of-origin', 'sunset-clause', 'dispute-settlement', 'services-trade', 'auto-tariffs',
  'critical-minerals', 'steel-aluminum-tariffs', 'electronics-rules-of-origin', 'usmca-review', 'labour'];

/** 100 000 offers over 10 issues (10 000 each), two parties, dates spread over 2017–2018. */
const offer = (i: number): ParleyEvent => ({
  id: `offer-${i}`,
  type: 'OfferMade',
  negotiation: 'nafta-renegotiation',
  issue: ISSUES[i % ISSUES.length],
  party: i % 2 ? 'US' : 'MX',
  occurredAt: `${2017 + (i % 2)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  confidence: 'reported',
  data: { terms: [{ metric: 'regional_value_content', value: 60 + (i % 30), unit: 'percent' }] },
});

describe('as-of queries read only their issue', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-readpath-'));
    const store = getSQLiteEventStore({ path: join(dir, 'parley.db'), synchronous: 'NORMAL' });
    for (let start = 0; start < 100_000; start += 5_000) {
      await store.append(streamOf('nafta-renegotiation'), Array.from({ length: 5_000 }, (_, k) => offer(start + k)));
    }
    await store.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a 100 000-event store, when the state of one issue is asked twice, then only that issue\'s 10 000 events are read, once', async () => {
    const path = join(dir, 'parley.db');
    const counting = countingStore(getSQLiteEventStore({ path }));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(loadConfig({ store: path }))] })
      .overrideProvider(EVENT_STORE)
      .useValue(counting.store)
      .compile();
    await moduleRef.init();
    try {
      const bus = moduleRef.get(QueryBus);
      const state = await bus.execute(new GetIssueState({ negotiation: 'nafta-renegotiation', issue: 'sunset-clause', asOf: '2018-06-30' }));
      expect(state.eventCount).toBeGreaterThan(0);
      expect(state.positions.US.regional_value_content.eventType).toBe('OfferMade');
      expect([...counting.reads.keys()]).toEqual(['nafta-renegotiation/sunset-clause']);
      expect(counting.total()).toBe(10_000);

      const later = await bus.execute(new GetIssueState({ negotiation: 'nafta-renegotiation', issue: 'sunset-clause', asOf: '2018-12-31' }));
      expect(later.eventCount).toBe(10_000);
      expect(counting.total()).toBe(10_000);
    } finally {
      await moduleRef.close();
    }
  }, 60_000);
});

import { CqrsModule, EventBus, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamOf } from '../../events';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/parley-config';
import { EventsRecorded } from '../../src/queries/events-recorded.event';
import { GetIssueState } from '../../src/queries/issue-state.query';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { waitFor } from '../conformance/event-store.conformance';
import { anEvent } from '../support/event-builders';

describe('the EventBus is fed by the store subscription', () => {
  it('given a running app, when another process appends to the same file, then EventsRecorded is published and cached answers update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bus-'));
    const path = join(dir, 'parley.db');
    const other = getSQLiteEventStore({ path });
    await other.append(streamOf('nafta-renegotiation'), [anEvent({ id: 'mx-70', party: 'MX' })]);
    const moduleRef = await Test.createTestingModule({ imports: [CqrsModule, AppModule.forRoot(loadConfig({ store: path }))] }).compile();
    await moduleRef.init();
    try {
      const published: string[] = [];
      moduleRef.get(EventBus).subscribe((published$) => published$ instanceof EventsRecorded && published.push(...published$.events.map((event) => event.id)));
      const bus = moduleRef.get(QueryBus);
      const ask = () => bus.execute(new GetIssueState({ negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-06-01' }));
      expect(Object.keys((await ask()).positions)).toEqual(['MX']);

      await other.append(streamOf('nafta-renegotiation'), [anEvent({ id: 'us-75', party: 'US', data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent' }] } })]);
      await waitFor(() => published.includes('us-75'));
      const state = await ask();
      expect(state.gaps.regional_value_content).toMatchObject({ min: 70, max: 75, spread: 5, low: ['MX'], high: ['US'] });
    } finally {
      await moduleRef.close();
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

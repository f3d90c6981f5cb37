import { loadConfig } from '../../src/config/parley-config';
import { RunningServer, startServer } from '../../src/http/serve';
import { startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const statement = (id: string, quote: string) => ({
  id, type: 'StatementIssued', negotiation: 'usmca-review', issue: 'dairy', occurredAt: '2026-07-01', data: { speaker: 'USTR', quote },
});

describe('given a Parley server on a KurrentDB node', () => {
  it('when the node restarts, then the server rides it out: later writes are answered 201 and queries see them (no query fails for good)', async () => {
    const db = await startInProcessKurrentDB();
    let running: RunningServer | undefined;
    try {
      const config = loadConfig({ store: `${db.connectionString}&parleyNamespace=serve-`, port: 0, host: '127.0.0.1', loadBundledHistory: false }, {});
      running = await startServer(config, { logger: false });
      const url = running.url;
      const post = (body: unknown) => fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const eventCount = async () => ((await (await fetch(`${url}/negotiations/usmca-review/issues/dairy`)).json()) as { eventCount: number }).eventCount;

      expect((await post(statement('before', 'first'))).status).toBe(201);
      expect(await eventCount()).toBe(1);

      await db.restart();
      let answer = await post(statement('after', 'second'));
      for (let i = 0; i < 200 && answer.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 25));
        answer = await post(statement('after', 'second'));
      }
      expect(answer.status).toBe(201);
      expect(await eventCount()).toBe(2);
      expect(((await (await fetch(`${url}/health`)).json()) as { store: unknown }).store).toMatchObject({ connected: true, live: true });
    } finally {
      await running?.app.close();
      await db.stop();
    }
  });
});

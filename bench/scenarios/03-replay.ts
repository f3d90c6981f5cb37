import Database from 'better-sqlite3';
import { emmettReadAll } from '../baselines/emmett';
import { rawReadAll } from '../baselines/raw-sqlite';
import { projectionFold, trivialFold } from '../fold';
import { Context, interleaved, row, Row, Scenario, Stat, unavailableRow } from '../harness';
import { bigStore, emmettBigStore } from './big-store';
import { openParley, ratePerSecond } from './common';

/**
 * Scenario 3: full replay — every event of the 1 000 000-event store in global order, parsed and
 * upcast by the store's readAll, folded through the issue-state projection. Raw: SELECT + JSON.parse
 * + a trivial fold; Emmett: its global read (readMessagesBatch) + the same trivial fold.
 */
export const replay: Scenario = {
  id: '3',
  title: 'full replay of the 1 000 000-event store',
  async run(context: Context): Promise<Row[]> {
    const big = await bigStore(context);
    const failures: Record<string, string> = {};
    let emmettPath: string | undefined;
    try {
      emmettPath = await emmettBigStore(context);
    } catch (error) {
      failures.emmett = `failed while building its ${big.count.toLocaleString('en-US')}-event store: ${(error as Error).message}`;
    }
    const { count } = big;
    const check = (what: string, seen: number) => {
      if (seen !== count) throw new Error(`${what} replayed ${seen} events, expected ${count}`);
    };

    /** Every event of the store through the port, in global order, into a fold. */
    const replayThroughParley = async (
      run: number,
      who: string,
      what: string,
      fold: { apply(event: never): void; result(): { events: number } },
    ): Promise<number> => {
      const store = openParley(big.path);
      const bar = context.progress.bar(`3 Parley ${what} (run ${run + 1})`, count);
      const rate = await ratePerSecond(count, async () => {
        for await (const event of store.readAll()) {
          fold.apply(event as never);
          bar.tick();
        }
      });
      bar.done();
      await store.close();
      check(who, fold.result().events);
      return rate;
    };

    const contenders: Record<string, (run: number) => Promise<number>> = {
      parley: (run) => replayThroughParley(run, 'Parley', 'replay + projections', projectionFold()),
      parleyTrivial: (run) => replayThroughParley(run, 'Parley (trivial fold)', 'replay, trivial fold', trivialFold()),
      raw: async (run) => {
        const db = new Database(big.path, { readonly: true });
        const fold = trivialFold();
        const bar = context.progress.bar(`3 raw read + JSON.parse + trivial fold (run ${run + 1})`, count);
        const rate = await ratePerSecond(count, () => {
          rawReadAll(db, (event) => {
            fold.apply(event);
            bar.tick();
          });
        });
        bar.done();
        db.close();
        check('raw', fold.result().events);
        return rate;
      },
    };
    const { emmett } = context;
    if (emmett && emmettPath) {
      contenders.emmett = async (run) => {
        const fold = trivialFold();
        const bar = context.progress.bar(`3 Emmett global read + trivial fold (run ${run + 1})`, count);
        const rate = await ratePerSecond(count, async () => {
          await emmettReadAll(emmett, emmettPath, (event) => {
            fold.apply(event);
            bar.tick();
          });
        });
        bar.done();
        check('Emmett', fold.result().events);
        return rate;
      };
    }
    const stats = (await interleaved(context.runs, contenders, failures)) as Record<string, Stat>;
    if (!stats.parley || !stats.parleyTrivial || !stats.raw) throw new Error(Object.values(failures).join('; '));
    const unit = 'events/s';
    const label = `replay ${count.toLocaleString('en-US')} events + issue-state fold`;
    return [
      row({
        scenario: '3', label, unit, parley: stats.parley, baselineName: 'raw', baseline: stats.raw, target: { kind: 'ratio-at-least', value: 0.6 },
        note: `The fold is projections/issueState.evolve per (negotiation, issue), in log order; the store was built in ${big.buildSeconds.toFixed(1)} s by batched appends of 1 000 through the port.`,
      }),
      row({ scenario: '3', label: 'replay, trivial fold (store cost alone)', unit, parley: stats.parleyTrivial, baselineName: 'raw', baseline: stats.raw }),
      stats.emmett
        ? row({ scenario: '3', label: `${label} vs Emmett`, unit, parley: stats.parley, baselineName: `Emmett ${emmett?.version} global read`, baseline: stats.emmett, target: { kind: 'ratio-at-least', value: 2 } })
        : unavailableRow('3', `${label} vs Emmett`, '≥ 2×', failures.emmett ? `Emmett ${failures.emmett}` : context.emmettProblem ?? 'Emmett not loaded'),
    ];
  },
};

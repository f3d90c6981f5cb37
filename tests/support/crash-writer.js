// Child process for the crash tests: records batches forever through the RecordEvents command (as
// POST /events and `parley append` do) and prints "ack <batch>" only after each has returned (i.e.
// committed). Half the batches span three negotiations. The parent kills it with SIGKILL at random.
require('reflect-metadata');
const { createEventStore } = require('../../dist/src/store/create-event-store');
const { systemClock } = require('../../dist/src/clock/clock');
const { RecordEventsHandler } = require('../../dist/src/commands/record-events.handler');
const { RecordEvents } = require('../../dist/src/commands/record-events.command');

// Any store location: a SQLite file path, or postgres://… (tests/postgres/crash.int.test.ts).
const [location, prefix] = process.argv.slice(2);
const NEGOTIATIONS = ['crash-test-a', 'crash-test-b', 'crash-test-c'];

const run = async () => {
  const handler = new RecordEventsHandler(await createEventStore(location, systemClock));
  for (let batch = 0; ; batch++) {
    const size = 2 + Math.floor(Math.random() * 20);
    const spread = batch % 2 === 0 ? NEGOTIATIONS.length : 1;
    const events = Array.from({ length: size }, (_, i) => ({
      id: `${prefix}-${batch}-of${size}-${i}`,
      type: 'StatementIssued',
      negotiation: NEGOTIATIONS[i % spread],
      occurredAt: '2018-05-24',
      confidence: 'reported',
      data: { speaker: 'someone', quote: 'x'.repeat(200) },
    }));
    await handler.execute(new RecordEvents(events));
    process.stdout.write(`ack ${prefix}-${batch}-of${size}\n`);
  }
};
run();

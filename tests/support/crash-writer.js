// Child process for the crash test: appends batches forever and prints "ack <batch> <size>" only
// after each append has returned (i.e. committed). The parent kills it with SIGKILL at random.
const { getSQLiteEventStore } = require('../../dist/src/store/sqlite/get-sqlite-event-store');

const [path, prefix] = process.argv.slice(2);
const store = getSQLiteEventStore({ path });
const stream = 'negotiation-crash-test';

const run = async () => {
  for (let batch = 0; ; batch++) {
    const size = 1 + Math.floor(Math.random() * 20);
    const events = Array.from({ length: size }, (_, i) => ({
      id: `${prefix}-${batch}-of${size}-${i}`,
      type: 'StatementIssued',
      negotiation: 'crash-test',
      occurredAt: '2018-05-24',
      confidence: 'reported',
      data: { speaker: 'someone', quote: 'x'.repeat(200) },
    }));
    await store.append(stream, events);
    process.stdout.write(`ack ${prefix}-${batch}-of${size}\n`);
  }
};
run();

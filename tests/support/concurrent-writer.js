// Child process for the two-writer test: appends N batches to one file as fast as it can and
// prints a JSON summary (appended events, errors) when done.
const { getSQLiteEventStore } = require('../../dist/src/store/sqlite/get-sqlite-event-store');

const [path, prefix, batches] = process.argv.slice(2);
const store = getSQLiteEventStore({ path });

const run = async () => {
  let appended = 0;
  const errors = [];
  for (let b = 0; b < Number(batches); b++) {
    const events = Array.from({ length: 5 }, (_, i) => ({
      id: `${prefix}-${b}-${i}`, type: 'StatementIssued', negotiation: 'shared-talks', occurredAt: '2018',
      confidence: 'reported', data: { speaker: prefix, quote: `batch ${b} event ${i}` },
    }));
    try {
      appended += (await store.append('negotiation-shared-talks', events)).appended;
    } catch (error) {
      errors.push(String(error));
    }
  }
  await store.close();
  process.stdout.write(JSON.stringify({ appended, errors }));
};
run();

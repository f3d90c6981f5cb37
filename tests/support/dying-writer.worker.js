// A writer thread for tests/store/writer-thread.int.test.ts: the first one started for a store dies on
// its first message (as a thread killed by an out-of-memory error or a native fault would); every later
// one is the real writer thread (dist/, built by the int tests' global set-up).
const { existsSync, writeFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');

const died = `${workerData.path}.writer-died`;
if (existsSync(died)) {
  require('../../dist/src/store/sqlite/sqlite-writer.worker.js');
} else {
  parentPort.once('message', () => {
    writeFileSync(died, '');
    process.exit(3);
  });
}

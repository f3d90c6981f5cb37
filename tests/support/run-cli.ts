import { Readable, Writable } from 'node:stream';
import { Clock, systemClock } from '../../src/clock/clock';
import { runCli } from '../../src/cli/main';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Standard input (for `append -`). */
  input?: string;
  /** The command's whole environment: none of the test process's variables leak in. */
  env?: NodeJS.ProcessEnv;
  /** "Now" for the command: recordedAt of what it appends, the default asOf/knownAt of what it asks. */
  clock?: Clock;
}

/** Collects what a command writes; not a terminal, like a pipe. */
const collector = (): Writable & { text(): string } => {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return Object.assign(stream, { text: () => text });
};

/**
 * Runs `parley …args` in this process — the same commander program, commands and Nest app as the
 * bin, without paying a Node and Nest boot per command. Use it wherever a test is about what a
 * command does; keep spawning bin/parley.js for what is about the process (exit codes, signals).
 */
export const runParley = async (args: string[], options: CliRunOptions = {}): Promise<CliResult> => {
  const stdout = collector();
  const stderr = collector();
  const stdin = Readable.from([Buffer.from(options.input ?? '')]);
  const status = await runCli(['node', 'parley', ...args], { stdout, stderr, stdin, env: options.env ?? {}, clock: options.clock ?? systemClock });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
};

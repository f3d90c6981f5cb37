import { AsyncLocalStorage } from 'node:async_hooks';
import { Clock, systemClock } from '../clock/clock';

type Output = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * What a CLI command reads and writes besides its flags: the process's streams, environment and
 * clock — or, for a command run in-process (tests), buffers, a given environment and a fixed clock.
 * Carried by AsyncLocalStorage, so commands need no extra parameter and two in-process runs never
 * see each other's output.
 */
export interface CliContext {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

export const processContext = (): CliContext => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, clock: systemClock });

const running = new AsyncLocalStorage<CliContext>();

/** The context of the command being run (the process's own outside runCli). */
export const cli = (): CliContext => running.getStore() ?? processContext();

export const runInContext = <T>(context: CliContext, run: () => Promise<T>): Promise<T> => running.run(context, run);

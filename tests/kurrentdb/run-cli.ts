import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { CliResult, runParley } from '../support/run-cli';

export const CLI = join(__dirname, '..', '..', 'bin', 'parley.js');

/** One command, in this process (see tests/support/run-cli.ts); the in-process double keeps answering meanwhile. */
export const parley = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> => runParley(args, options);

/** Starts a long-running CLI command and resolves once its stdout matches `ready`. */
export const startParley = (args: string[], ready: RegExp, timeoutMs = 20_000): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parley ${args.join(' ')} did not get ready in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (ready.test(stdout)) {
        clearTimeout(timer);
        resolve({ child, stdout: () => stdout, stderr: () => stderr });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`parley ${args.join(' ')} exited with ${status}\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });

export const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

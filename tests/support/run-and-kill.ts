import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs the crash writer (crash-writer.js) on a store location until SIGKILL at a random moment
 * after its first acknowledgement (so a slow start on a busy machine still leaves appends in
 * flight to interrupt); returns the acknowledged batches.
 */
export const runAndKill = (location: string, prefix: string, killAfterMs: number): Promise<Set<string>> =>
  new Promise((resolve, reject) => {
    const acked = new Set<string>();
    const child = spawn(process.execPath, [join(__dirname, 'crash-writer.js'), location, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let timer: NodeJS.Timeout | undefined;
    let pending = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('ack ')) continue;
        if (acked.size === 0) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        acked.add(line.slice(4));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${errors}`));
      else resolve(acked);
    });
  });

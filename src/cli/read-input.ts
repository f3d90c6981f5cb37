import { readFileSync } from 'node:fs';
import { cli } from './cli-context';

/** Reads the named files, or standard input for none or "-". */
export const readInputs = async (files: readonly string[]): Promise<{ name: string; text: string }[]> => {
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) return [{ name: 'stdin', text: await readStdin() }];
  return files.map((name) => ({ name, text: readFileSync(name, 'utf8') }));
};

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of cli().stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

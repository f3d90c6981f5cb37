import { existsSync, readFileSync } from 'node:fs';
import { InvalidInputError } from '../../errors/invalid-input.error';
import { exportedEvents, exportManifestSchema, verifyExport } from '../../exports/log-import';
import { createEventStore } from '../../store/create-event-store';
import { loadConfig } from '../../config/parley-config';
import { cli } from '../cli-context';
import { copyEvents, copyTarget, replayedClock } from '../copy-events';
import { StoreFlags } from '../boot';

export interface ImportFlags extends StoreFlags {
  manifest?: string;
  progress?: boolean;
}

const readManifest = (path: string) => {
  if (!existsSync(path)) throw new InvalidInputError([{ field: '--manifest', message: `no manifest at ${path} (parley export --out FILE writes FILE.manifest.json)` }]);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InvalidInputError([{ field: '--manifest', message: `${path} is not JSON` }]);
  }
  const parsed = exportManifestSchema.safeParse(json);
  if (!parsed.success) throw InvalidInputError.fromZod(parsed.error, 'manifest.');
  return parsed.data;
};

/**
 * `parley import FILE`: verifies the export against its manifest (hash, count, positions, every
 * event valid) before writing anything, then appends it keeping ids, order and recordedAt. Events
 * the store already holds are skipped, so an interrupted import can be run again.
 */
export const importCommand = async (file: string, flags: ImportFlags): Promise<void> => {
  const { stdout, stderr, env } = cli();
  if (!existsSync(file)) throw new InvalidInputError([{ field: 'file', message: `no file at ${file}` }]);
  const manifest = readManifest(flags.manifest ?? `${file}.manifest.json`);
  await verifyExport(file, manifest);
  const clock = replayedClock();
  const target = await createEventStore(loadConfig({ db: flags.db, store: flags.store }, env).store, clock);
  try {
    const progress = flags.progress ?? Boolean(stderr.isTTY) ? stderr : undefined;
    const report = await copyEvents(exportedEvents(file), manifest.eventCount, copyTarget(target, clock), 500, progress);
    stdout.write(`${JSON.stringify({ from: file, to: target.kind, ...report })}\n`);
  } finally {
    await target.close();
  }
};

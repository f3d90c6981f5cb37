import { createWriteStream, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidInputError } from '../../errors/invalid-input.error';
import { ExportFormat, exportLog } from '../../exports/log-export';
import { EVENT_STORE, EventStore } from '../../store/event-store.port';
import { StoreFlags, withApp } from '../boot';
import { cli } from '../cli-context';
import { knownAtFlag } from '../point-in-time-flags';

export interface ExportFlags extends StoreFlags {
  out?: string;
  format?: string;
  knownAt?: string;
}

const FORMATS: readonly ExportFormat[] = ['ndjson', 'plover'];

/**
 * `parley export [--out FILE]`: the whole log as NDJSON (or PLOVER records), with a manifest — event
 * count, first/last position, the file's SHA-256, the moment it was taken — in FILE.manifest.json
 * (on stderr when the log goes to stdout).
 */
export const exportCommand = async (flags: ExportFlags): Promise<void> => {
  const format = (flags.format ?? 'ndjson') as ExportFormat;
  if (!FORMATS.includes(format)) throw new InvalidInputError([{ field: '--format', message: `expected ndjson or plover, got "${flags.format}"` }]);
  const { stdout, stderr, clock } = cli();
  const knownAt = knownAtFlag(flags.knownAt) ?? clock.now().toISOString();
  await withApp(flags, async (app) => {
    const store = app.get<EventStore>(EVENT_STORE);
    const file = flags.out === undefined ? undefined : createWriteStream(flags.out);
    const total = (await store.summary()).reduce((sum, entry) => sum + entry.events, 0);
    const bar = new SingleBar({ stream: stderr, format: 'export |{bar}| {value}/{total} events', hideCursor: true }, Presets.shades_classic);
    const showProgress = file !== undefined && Boolean(stderr.isTTY) && total >= 1_000;
    if (showProgress) bar.start(total, 0);
    const manifest = await exportLog(store, file ?? stdout, { format, knownAt, onProgress: showProgress ? (done) => bar.update(done) : undefined });
    if (showProgress) bar.stop();
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    if (file && flags.out !== undefined) {
      file.end();
      await finished(file);
      writeFileSync(`${flags.out}.manifest.json`, text);
      stdout.write(`exported ${manifest.eventCount} events to ${flags.out} (manifest ${flags.out}.manifest.json, sha256 ${manifest.sha256})\n`);
    } else stderr.write(text);
  });
};

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEventsText, RawEvents } from '../../events';
import { packageRoot } from '../package-root';

/** The curated history shipped with Parley: one NDJSON file per negotiation, with provenance. */
export const bundledHistoryDir = (): string => join(packageRoot(), 'events', 'history');

export const readBundledHistory = (dir: string = bundledHistoryDir()): { file: string; events: RawEvents }[] =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.ndjson'))
    .sort()
    .map((file) => ({ file, events: parseEventsText(readFileSync(join(dir, file), 'utf8'), `events/history/${file}`) }));

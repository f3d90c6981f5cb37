import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { EventProblem, EventValidationError, loneSurrogateIn, loneSurrogateMessage, StoredEvent, validateEvent } from '../../events';
import { InvalidInputError } from '../errors/invalid-input.error';

export const exportManifestSchema = z.object({
  format: z.literal('parley-events/1', { error: 'only an NDJSON event export (format parley-events/1) can be imported' }),
  store: z.string(),
  knownAt: z.string(),
  eventCount: z.number().int().nonnegative(),
  firstPosition: z.string().regex(/^\d+$/).nullable(),
  lastPosition: z.string().regex(/^\d+$/).nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ImportManifest = z.infer<typeof exportManifestSchema>;

const storedFields = z.object({
  position: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform((v) => BigInt(v)),
  streamRevision: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform((v) => BigInt(v)),
  recordedAt: z.iso.datetime(),
});

const MAX_PROBLEMS = 100;

/** One exported line back into a stored event, or the problems that name its line and field. */
const parseLine = (text: string, line: number, file: string): { event?: StoredEvent; problems: EventProblem[] } => {
  const at = (path: string, message: string): EventProblem => ({ index: line - 1, file, line, path, message });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problems: [at('', 'not a JSON object')] };
  }
  const surrogate = loneSurrogateIn(text, raw);
  if (surrogate !== undefined) return { problems: [at(surrogate, loneSurrogateMessage(surrogate))] };
  const { position: _p, streamRevision: _r, recordedAt: _t, ...body } = (raw ?? {}) as Record<string, unknown>;
  const stored = storedFields.safeParse(raw);
  const { event, problems } = validateEvent(body, line - 1, { file, line });
  if (!stored.success) problems.push(...stored.error.issues.map((i) => at(String(i.path[0]), i.message)));
  return event && stored.success ? { event: { ...event, ...stored.data } as StoredEvent, problems } : { problems };
};

/** The file's non-empty lines; `onBytes` sees every raw chunk read (to hash the file in the same pass). */
async function* linesOf(path: string, onBytes: (chunk: Buffer) => void = () => undefined): AsyncGenerator<string> {
  const input = createReadStream(path);
  input.on('data', (chunk) => onBytes(chunk as Buffer));
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line !== '') yield line;
}

/**
 * Checks an export before anything is written: its bytes hash to the manifest's sha256, it holds
 * the manifest's count of events from its first to its last position, in increasing positions, and
 * every line is an event of the catalog. Throws naming the first problems (file, line, field).
 */
export const verifyExport = async (path: string, manifest: ImportManifest): Promise<void> => {
  const hash = createHash('sha256');
  const problems: EventProblem[] = [];
  let count = 0;
  let first: bigint | null = null;
  let last: bigint | null = null;
  for await (const text of linesOf(path, (chunk) => hash.update(chunk))) {
    count++;
    const { event, problems: found } = parseLine(text, count, path);
    if (problems.length < MAX_PROBLEMS) problems.push(...found.slice(0, MAX_PROBLEMS - problems.length));
    if (!event) continue;
    if (last !== null && event.position <= last) problems.push({ index: count - 1, file: path, line: count, path: 'position', message: `positions must increase: ${event.position} after ${last}` });
    first ??= event.position;
    last = event.position;
  }
  // A file that is not the one the manifest describes is reported as such, before what is wrong inside it.
  const sha256 = hash.digest('hex');
  if (sha256 !== manifest.sha256) {
    throw new InvalidInputError([{ field: 'manifest.sha256', message: `the file's SHA-256 is ${sha256}, the manifest says ${manifest.sha256}: the file is not the export the manifest describes` }]);
  }
  if (problems.length > 0) throw new EventValidationError(problems);
  const mismatch = (field: string, inFile: unknown, inManifest: unknown) =>
    inFile === inManifest ? [] : [{ field: `manifest.${field}`, message: `the file has ${String(inFile)}, the manifest says ${String(inManifest)}` }];
  const differences = [
    ...mismatch('eventCount', count, manifest.eventCount),
    ...mismatch('firstPosition', first === null ? null : String(first), manifest.firstPosition),
    ...mismatch('lastPosition', last === null ? null : String(last), manifest.lastPosition),
  ];
  if (differences.length > 0) throw new InvalidInputError(differences);
};

/** The events of a verified export, in its order. */
export async function* exportedEvents(path: string): AsyncGenerator<StoredEvent> {
  let line = 0;
  for await (const text of linesOf(path)) {
    const { event } = parseLine(text, ++line, path);
    if (event) yield event;
  }
}

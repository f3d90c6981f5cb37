import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Provenance checks for the bundled, curated history in events/history.
 * Reads only files inside the repository (never ../shared).
 */

const HISTORY_DIR = join(__dirname, '..', 'events', 'history');
const SOURCES_DIR = join(HISTORY_DIR, 'sources');

interface HistoryEvent {
  id: string;
  type: string;
  negotiation: string;
  occurredAt: string;
  source: {
    title?: string;
    publisher?: string;
    quote?: string;
    document?: string;
  };
  data?: { respondsTo?: string; probe?: string };
  [key: string]: unknown;
}

interface ParsedLine {
  file: string;
  lineNo: number;
  raw: string;
  event?: HistoryEvent;
  error?: string;
}

function historyFiles(): string[] {
  return readdirSync(HISTORY_DIR)
    .filter((name) => name.endsWith('.ndjson'))
    .sort();
}

function readLines(file: string): ParsedLine[] {
  const text = readFileSync(join(HISTORY_DIR, file), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((raw, i) => {
    try {
      return { file, lineNo: i + 1, raw, event: JSON.parse(raw) as HistoryEvent };
    } catch (err) {
      return { file, lineNo: i + 1, raw, error: String(err) };
    }
  });
}

/** Last day covered by a YYYY / YYYY-MM / YYYY-MM-DD date: the day the event counts from. */
function effectiveDay(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [y, m] = date.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${date}-${String(last).padStart(2, '0')}`;
  }
  return date;
}

const sourceCache = new Map<string, string>();
function sourceText(document: string): string {
  let text = sourceCache.get(document);
  if (text === undefined) {
    text = readFileSync(join(SOURCES_DIR, document), 'utf8');
    sourceCache.set(document, text);
  }
  return text;
}

const label = (p: ParsedLine) => `${p.file}:${p.lineNo}${p.event ? ` (${p.event.id})` : ''}`;

describe('curated history in events/history', () => {
  // given: every ndjson file in events/history
  const files = historyFiles();
  const parsed = files.flatMap(readLines);
  const events = parsed.filter((p): p is ParsedLine & { event: HistoryEvent } => p.event !== undefined);

  it('given the history directory, when it is listed, then it holds at least one ndjson file and the sources folder', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(existsSync(SOURCES_DIR)).toBe(true);
  });

  it('given every line of every file, when parsed as JSON, then each line is a JSON object', () => {
    const failures = parsed
      .filter((p) => p.error !== undefined || typeof p.event !== 'object' || p.event === null || Array.isArray(p.event))
      .map((p) => `${label(p)}: ${p.error ?? 'not an object'}`);
    expect(failures).toEqual([]);
    expect(parsed.length).toBeGreaterThan(0);
  });

  it('given all events across all files, when their ids are collected, then no id repeats', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const p of events) {
      const id = p.event.id;
      if (seen.has(id)) duplicates.push(`${id} in ${label(p)} and ${seen.get(id)}`);
      else seen.set(id, label(p));
    }
    expect(duplicates).toEqual([]);
    for (const p of events) {
      expect(typeof p.event.id).toBe('string');
      expect(p.event.id.length).toBeGreaterThanOrEqual(1);
      expect(p.event.id.length).toBeLessThanOrEqual(128);
    }
  });

  it('given each event, when its source is checked, then it names an existing source document, a publisher and a quote', () => {
    const failures: string[] = [];
    for (const p of events) {
      const src = p.event.source;
      if (!src || typeof src !== 'object') {
        failures.push(`${label(p)}: no source`);
        continue;
      }
      if (typeof src.document !== 'string' || src.document.length === 0 || src.document.includes('/') || src.document.includes('..')) {
        failures.push(`${label(p)}: bad source.document ${JSON.stringify(src.document)}`);
      } else if (!existsSync(join(SOURCES_DIR, src.document))) {
        failures.push(`${label(p)}: source.document ${src.document} not in events/history/sources`);
      }
      if (typeof src.publisher !== 'string' || src.publisher.trim().length === 0) {
        failures.push(`${label(p)}: missing source.publisher`);
      }
      if (typeof src.quote !== 'string' || src.quote.trim().length === 0) {
        failures.push(`${label(p)}: missing source.quote`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('given each event, when its quote is looked up in the raw source text, then it occurs verbatim', () => {
    const failures: string[] = [];
    for (const p of events) {
      const { document, quote } = p.event.source ?? {};
      if (typeof document !== 'string' || typeof quote !== 'string') continue; // reported by the test above
      if (!existsSync(join(SOURCES_DIR, document))) continue;
      // when
      const found = sourceText(document).includes(quote);
      // then
      if (!found) failures.push(`${label(p)}: quote not found verbatim in ${document}: ${JSON.stringify(quote)}`);
    }
    expect(failures).toEqual([]);
  });

  it('given each file, when its events are read, then they all share one negotiation equal to the file name', () => {
    const failures: string[] = [];
    for (const file of files) {
      const expected = file.replace(/\.ndjson$/, '');
      expect(expected).toMatch(/^[a-z0-9-]+$/);
      for (const p of events.filter((e) => e.file === file)) {
        if (p.event.negotiation !== expected) {
          failures.push(`${label(p)}: negotiation ${JSON.stringify(p.event.negotiation)} != ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('given events that reference another event, when the reference is resolved, then it names an earlier event of the same file', () => {
    const failures: string[] = [];
    for (const file of files) {
      const earlier = new Set<string>();
      for (const p of events.filter((e) => e.file === file)) {
        const data = p.event.data ?? {};
        for (const key of ['respondsTo', 'probe'] as const) {
          const ref = data[key];
          if (ref === undefined) continue;
          if (typeof ref !== 'string' || !earlier.has(ref)) {
            failures.push(`${label(p)}: data.${key} ${JSON.stringify(ref)} is not an earlier event in ${file}`);
          }
        }
        earlier.add(p.event.id);
      }
    }
    expect(failures).toEqual([]);
  });

  it('given each file, when its events are read in order, then occurredAt never goes backwards', () => {
    const failures: string[] = [];
    for (const file of files) {
      let previous = '';
      for (const p of events.filter((e) => e.file === file)) {
        const at = p.event.occurredAt;
        if (typeof at !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(at)) {
          failures.push(`${label(p)}: bad occurredAt ${JSON.stringify(at)}`);
          continue;
        }
        const day = effectiveDay(at);
        if (day < previous) failures.push(`${label(p)}: occurredAt ${at} precedes an earlier line`);
        previous = day;
      }
    }
    expect(failures).toEqual([]);
  });

  it('given each event, when its fields are listed, then it carries no store-assigned fields', () => {
    const offending = events
      .filter((p) => ['position', 'streamRevision', 'recordedAt'].some((k) => k in p.event))
      .map(label);
    expect(offending).toEqual([]);
  });
});

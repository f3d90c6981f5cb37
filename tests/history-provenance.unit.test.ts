import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Source, validateEvent } from '../events';

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
  source: Source;
  confidence?: string;
  data?: {
    respondsTo?: string;
    probe?: string;
    quote?: string;
    terms?: Array<{ metric: string; value?: number; unit?: string; note?: string; schedule?: Array<{ from: string; value: number }> }>;
  };
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

  it('given each event, when its fields are listed, then it carries no store-assigned fields', () => {
    const offending = events
      .filter((p) => ['position', 'streamRevision', 'recordedAt'].some((k) => k in p.event))
      .map(label);
    expect(offending).toEqual([]);
  });

  it('given each event, when the catalog validates it as `parley append` would, then it is accepted (schema, dates, publishedAt not before occurredAt)', () => {
    const failures = events
      .map((p) => ({ p, problems: validateEvent(p.event).problems }))
      .filter(({ problems }) => problems.length > 0)
      .map(({ p, problems }) => `${label(p)}: ${problems.map((x) => `${x.path} ${x.message}`).join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('given each StatementIssued, when its data.quote is looked up in the source, then it is verbatim there (a translation is marked as one and is the article\'s own)', () => {
    const failures: string[] = [];
    for (const p of events.filter((e) => e.event.type === 'StatementIssued')) {
      const { document, quote: sourceQuote } = p.event.source;
      const said = p.event.data?.quote ?? '';
      const translated = said.startsWith(TRANSLATION_MARK);
      const words = translated ? said.slice(TRANSLATION_MARK.length) : said;
      if (!document || !sourceText(document).includes(words)) failures.push(`${label(p)}: data.quote not verbatim in ${document}: ${JSON.stringify(words)}`);
      // A translation stands next to the original it translates; the original is what source.quote holds.
      if (translated && sourceQuote !== undefined && sourceQuote.includes(words)) failures.push(`${label(p)}: marked as a translation but source.quote is the same text`);
    }
    expect(failures).toEqual([]);
  });
});

/** What marks a StatementIssued quote as the article's English rendering of words said in another language. */
const TRANSLATION_MARK = '[English translation given by the article] ';

interface Excerpt {
  address: string;
  publisher: string;
  date: string;
  text: string;
}

/** A public-record file: sections "== Address: <url>", then Publisher/Title/Date lines, a blank line and the verbatim excerpt. */
const excerptsOf = (document: string): Excerpt[] =>
  sourceText(document)
    .split(/^== Address: /m)
    .slice(1)
    .map((section) => {
      const [head, ...rest] = section.split('\n\n');
      const lines = head.split('\n');
      const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
      return { address: lines[0].trim(), publisher: field('Publisher'), date: field('Date'), text: rest.join('\n\n') };
    });

const publicRecordFiles = () => readdirSync(SOURCES_DIR).filter((f) => /^pr-.*\.txt$/.test(f)).sort();
const SEEDS = /^00[0-4]_[0-9a-f]+\.txt$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2021-07-01" as public texts write it: "July 1, 2021". */
const writtenDay = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}, ${day.slice(0, 4)}`;
const writtenPercent = (value: number) => [`${value} percent`, `${value} per cent`, `${value}%`];

describe('public-record excerpts in events/history/sources', () => {
  const events = historyFiles().flatMap(readLines).filter((p): p is ParsedLine & { event: HistoryEvent } => p.event !== undefined);

  it('given the pr-*.txt files, when their sections are read, then each names an https address, a publisher and where its date comes from, and keeps a short excerpt', () => {
    const failures: string[] = [];
    expect(publicRecordFiles().length).toBeGreaterThan(0);
    for (const file of publicRecordFiles()) {
      const excerpts = excerptsOf(file);
      if (excerpts.length === 0) failures.push(`${file}: no "== Address:" section`);
      for (const e of excerpts) {
        if (!/^https?:\/\/\S+$/.test(e.address)) failures.push(`${file}: bad address ${JSON.stringify(e.address)}`);
        if (e.publisher.trim() === '') failures.push(`${file} ${e.address}: no Publisher line`);
        if (e.date.trim() === '') failures.push(`${file} ${e.address}: no Date line`);
        if (e.text.trim() === '' || e.text.length > 2500) failures.push(`${file} ${e.address}: excerpt empty or not short (${e.text.length} characters)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('given an event sourced from the public record, when its quote is looked up, then it is verbatim in the excerpt kept under its own source.url', () => {
    const failures: string[] = [];
    const cited = events.filter((p) => p.event.source?.document?.startsWith('pr-'));
    expect(cited.length).toBeGreaterThan(0);
    for (const p of cited) {
      const { document, url, quote } = p.event.source;
      const excerpt = excerptsOf(document!).find((e) => e.address === url);
      if (!excerpt) failures.push(`${label(p)}: source.url ${JSON.stringify(url)} is not an address in ${document}`);
      else if (!quote || !excerpt.text.includes(quote)) failures.push(`${label(p)}: quote not verbatim under ${url} in ${document}`);
    }
    expect(failures).toEqual([]);
  });

  it('given a term whose note cites a public-record file, when its figures are looked up there, then its value and every schedule step (value and day) are written in that file', () => {
    const failures: string[] = [];
    for (const p of events) {
      for (const term of p.event.data?.terms ?? []) {
        const cited = /sources\/(pr-[a-z0-9-]+\.txt)/.exec(term.note ?? '')?.[1];
        if (!cited) {
          if (term.schedule) failures.push(`${label(p)} ${term.metric}: a schedule without a cited public-record file`);
          continue;
        }
        if (!existsSync(join(SOURCES_DIR, cited))) {
          failures.push(`${label(p)}: cites missing ${cited}`);
          continue;
        }
        const text = sourceText(cited);
        if (term.value !== undefined && term.unit === 'percent' && !writtenPercent(term.value).some((w) => text.includes(w))) {
          failures.push(`${label(p)} ${term.metric}: ${term.value} % is not written in ${cited}`);
        }
        for (const step of term.schedule ?? []) {
          // The step's value and its day, in the same line of the text.
          const line = text.split('\n').find((l) => writtenPercent(step.value).some((w) => l.includes(w)) && l.includes(writtenDay(step.from)));
          if (!line) failures.push(`${label(p)} ${term.metric}: step ${step.value} from ${step.from} is not written in ${cited}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('given the seed articles, when their events are compared, then each article has one publishedAt (none for the undated 001, whose events are all unconfirmed)', () => {
    const bySeed = new Map<string, Set<string>>();
    for (const p of events.filter((e) => SEEDS.test(e.event.source?.document ?? ''))) {
      const doc = p.event.source.document!;
      bySeed.set(doc, (bySeed.get(doc) ?? new Set()).add(p.event.source.publishedAt ?? 'none'));
    }
    const dates = Object.fromEntries([...bySeed].map(([doc, set]) => [doc.slice(0, 3), [...set]]));
    expect(dates).toEqual({ '000': ['2018-05-24'], '001': ['none'], '002': ['2018-01-29'], '003': ['2026-02-04'], '004': ['2017-07-14'] });
    const seed001 = events.filter((e) => e.event.source?.document?.startsWith('001_'));
    expect(seed001.length).toBeGreaterThan(0);
    expect(seed001.filter((e) => e.event.confidence !== 'unconfirmed').map(label)).toEqual([]);
  });
});

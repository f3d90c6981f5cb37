import nlp from 'compromise';

/** A stretch of the article (a sentence, or a clause of unpunctuated text) with its offsets. */
export interface Segment {
  index: number;
  start: number;
  end: number;
  text: string;
  paragraph: number;
}

const CLAUSE_WORDS = 60;
const NUMBER_GAP_AFTER = /^(percent|per cent|%|years?|billion|million|trillion|tons?|tonnes?)\b/i;
const NUMBER_GAP_BEFORE = /\b(of|to|from|some|about|only|over|under|around|nearly|almost|roughly|than|at|by|and|the|a|an|up)$/i;
/** A clause that continues a name left before it: an appositive or an attribution. */
const NAME_FOLLOWS = /^(?:head of|the head of|vice president|president of|a former|former|chief|director|said|says|told)\b/i;
const ATTRIBUTION_ONLY = /^(?:[a-z]+\s+){0,3}(?:say|says|said|told reporters|added)$/i;

/** Text with its sentence punctuation stripped (seen in scraped wire copy) is cut at the gaps it left. */
const isUnpunctuated = (text: string): boolean => {
  const words = text.split(/\s+/).length;
  const stops = (text.match(/[.!?]["”’)]?\s/g) ?? []).length;
  return words > 80 && stops < words / 80;
};

/** Offsets stripped of surrounding white space; empty stretches are dropped. */
const trimmed = (text: string, start: number, end: number): [number, number] | undefined => {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? [start, end] : undefined;
};

/**
 * Clauses of unpunctuated text: cut where two or more spaces stand for lost punctuation, except
 * after a lone letter ("u s  workers" was "U.S. workers"). A fragment that is only an attribution
 * ("mexican officials say") joins the clause before it; a very short one joins the next.
 */
const clausesOf = (text: string, start: number, end: number): [number, number][] => {
  const cuts: number[] = [start];
  const gap = /\s{2,}/g;
  gap.lastIndex = start;
  for (let m = gap.exec(text); m && m.index < end; m = gap.exec(text)) {
    const before = text.slice(Math.max(start, m.index - 12), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    // A lone letter was an abbreviation; a gap before "percent" or after "of" was a stripped number.
    if (/(^|\s)[a-z]$/i.test(before) || NUMBER_GAP_AFTER.test(after) || NUMBER_GAP_BEFORE.test(before)) continue;
    cuts.push(m.index + m[0].length);
  }
  cuts.push(end);
  const pieces: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const range = trimmed(text, cuts[i], cuts[i + 1]);
    if (range) pieces.push(range);
  }
  const merged: [number, number][] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const next = pieces[i + 1];
    if (next && text.slice(piece[0], piece[1]).split(/\s+/).length < 3 && NAME_FOLLOWS.test(text.slice(next[0], next[1]))) {
      pieces[i + 1] = [piece[0], next[1]];
      continue;
    }
    const words = text.slice(piece[0], piece[1]).split(/\s+/);
    const previous = merged[merged.length - 1];
    const body = text.slice(piece[0], piece[1]);
    if (previous && (ATTRIBUTION_ONLY.test(body) || (/^said\b/i.test(body) && words.length <= 4) || words.length < 3)) {
      previous[1] = piece[1];
    } else {
      merged.push([piece[0], piece[1]]);
    }
  }
  return merged;
};

/** Sentences of each paragraph (compromise), with exact offsets; unpunctuated paragraphs by clause. */
export const segmentText = (text: string): Segment[] => {
  const segments: Segment[] = [];
  const paragraphs = /[^\n]+/g;
  let paragraph = 0;
  for (let p = paragraphs.exec(text); p; p = paragraphs.exec(text)) {
    const pStart = p.index;
    const body = p[0];
    if (body.trim() === '') continue;
    const ranges: [number, number][] = [];
    if (isUnpunctuated(body)) {
      ranges.push(...clausesOf(text, pStart, pStart + body.length));
    } else {
      let cursor = 0;
      for (const sentence of nlp.tokenize(body).json({ offset: true, terms: { offset: false } } as never) as { text: string; offset: { start: number; length: number } }[]) {
        // compromise's offsets are into the paragraph; fall back to a search if they drift.
        let at = body.slice(sentence.offset.start, sentence.offset.start + sentence.offset.length) === sentence.text
          ? sentence.offset.start
          : body.indexOf(sentence.text, cursor);
        if (at < 0) at = cursor;
        const range = trimmed(text, pStart + at, pStart + at + sentence.text.length);
        if (range) ranges.push(range);
        cursor = at + sentence.text.length;
      }
      if (ranges.length === 0) {
        const range = trimmed(text, pStart, pStart + body.length);
        if (range) ranges.push(range);
      }
    }
    for (const [start, end] of ranges) {
      const words = text.slice(start, end).split(/\s+/).length;
      const pieces = words > CLAUSE_WORDS && !isUnpunctuated(body) ? clausesOf(text, start, end) : [[start, end] as [number, number]];
      for (const [s, e] of pieces) segments.push({ index: segments.length, start: s, end: e, text: text.slice(s, e), paragraph });
    }
    paragraph++;
  }
  return segments;
};

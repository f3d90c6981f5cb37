import fc from 'fast-check';
import { decodeUtf8InSlices, parseJsonInSlices } from '../../src/http/sliced-json';

const parse = (text: string) => parseJsonInSlices(text, 64);

describe('a large body is parsed in slices, with the same answer as JSON.parse', () => {
  it('given any JSON array, or an object with one events array, when parsed in slices, then the value equals JSON.parse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 5 })), fc.jsonValue({ maxDepth: 2 }), async (items, other) => {
        const bare = JSON.stringify(items, null, items.length % 2 === 0 ? 2 : undefined);
        expect(await parse(bare)).toEqual({ ok: true, value: JSON.parse(bare) });
        const envelope = JSON.stringify({ before: other, events: items, expectedRevision: 3 });
        expect(await parse(envelope)).toEqual({ ok: true, value: JSON.parse(envelope) });
      }),
      { numRuns: 300 },
    );
  });

  it('given strings holding brackets, commas, quotes and escapes, then they do not split events', async () => {
    const items = [{ quote: 'a, b] c [ "d" \\', note: '},{' }, '\\"', ['[', ']'], { events: [1, 2] }];
    const text = JSON.stringify(items);
    expect(await parse(text)).toEqual({ ok: true, value: items });
  });

  it.each([
    ['an empty array', '[ ]'],
    ['one scalar', '42'],
    ['an object without events', '{"type":"StatementIssued"}'],
    ['an envelope whose events is not an array', '{"events": 5}'],
  ])('given %s, then the value equals JSON.parse', async (_, text) => {
    expect(await parse(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it.each([
    ['a broken event', '[{"a":1},{"a":}]', 'event #1 (from position 9): Unexpected token', ''],
    ['a missing comma between events', '[{"a":1} {"a":2}]', 'event #0 (from position 1): ', 'position 9'],
    ['an empty slot', '[1,,2]', 'event #1 at position 3 is empty', ''],
    ['a trailing comma', '[1,2,]', 'event #2 at position 5 is empty', ''],
  ])('given %s, then the problem names the event and where it is in the whole text', async (_, text, names, position) => {
    const result = await parse(text);
    expect(result).toMatchObject({ ok: false });
    const { problem } = result as { problem: string };
    expect(problem).toContain(names);
    expect(problem).toContain(position);
    // The same place JSON.parse of the whole text reports, where it reports one.
    if (position) expect(() => JSON.parse(text)).toThrow(position);
  });

  it.each([
    ['trailing garbage', '[1,2] x'],
    ['an unterminated array', '[1,2'],
    ['an envelope with garbage around the events', '{"events":[1], x}'],
  ])('given %s, then the problem is the one JSON.parse reports', async (_, text) => {
    expect(() => JSON.parse(text)).toThrow();
    let expected = '';
    try {
      JSON.parse(text);
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(await parse(text)).toEqual({ ok: false, problem: expected });
  });

  it('given an envelope with two events keys, then the value is JSON.parse\'s (the last key wins)', async () => {
    const text = '{"events":[1],"events":[2]}';
    expect(await parse(text)).toEqual({ ok: true, value: { events: [2] } });
  });

  it('given a body nested 65 levels deep inside an event, then it is refused before parsing', async () => {
    expect(await parse(`[${'['.repeat(65)}${']'.repeat(65)}]`)).toEqual({ tooDeep: true });
  });

  it('given UTF-8 whose multi-byte characters straddle the 1 MiB decoding steps, then the text is decoded whole; invalid bytes give undefined', async () => {
    const text = `"${'é€😀'.repeat(200_000)}"`;
    expect(await decodeUtf8InSlices(Buffer.from(text))).toBe(text);
    const broken = Buffer.concat([Buffer.from(text), Buffer.from([0xc3, 0x28])]);
    expect(await decodeUtf8InSlices(broken)).toBeUndefined();
  });
});

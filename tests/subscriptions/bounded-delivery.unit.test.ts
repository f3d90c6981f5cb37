import { EventEmitter } from 'node:events';
import { BoundedDelivery, Overflow } from '../../src/subscriptions/bounded-delivery';
import { sseComment, sseMessage } from '../../src/subscriptions/sse-format';

/** A target that accepts `capacity` writes, then reports a full buffer until drained. */
class FakeSocket extends EventEmitter {
  readonly written: string[] = [];
  constructor(private capacity: number) {
    super();
  }
  write(chunk: string): boolean {
    this.written.push(chunk);
    return --this.capacity > 0;
  }
  drain(capacity: number): void {
    this.capacity = capacity;
    this.emit('drain');
  }
}

describe('BoundedDelivery', () => {
  const limits = { maxQueuedEvents: 3, maxQueuedBytes: 1_000 };

  it('given a socket that accepts writes, then messages go straight through and the last position is tracked', () => {
    const socket = new FakeSocket(100);
    const delivered: bigint[] = [];
    const delivery = new BoundedDelivery(socket, limits, 0n, { onDelivered: (p) => delivered.push(p), onOverflow: () => undefined });
    expect([delivery.push('a', 1n), delivery.push('b', 2n), delivery.push('hb')]).toEqual([true, true, true]);
    expect(socket.written).toEqual(['a', 'b', 'hb']);
    expect(delivered).toEqual([1n, 2n]);
    expect(delivery.lastDelivered).toBe(2n);
  });

  it('given a full socket, then messages queue up to the bound and flush in order on drain', async () => {
    const socket = new FakeSocket(1);
    const delivery = new BoundedDelivery(socket, limits, 0n, { onOverflow: () => undefined });
    delivery.push('a', 1n);
    delivery.push('b', 2n);
    delivery.push('c', 3n);
    expect(socket.written).toEqual(['a']);
    expect(delivery.idle).toBe(false);
    const idle = delivery.whenIdle();
    socket.drain(10);
    await idle;
    expect(socket.written).toEqual(['a', 'b', 'c']);
    expect(delivery.lastDelivered).toBe(3n);
  });

  it('given a stalled socket, when the queue outgrows its bound, then the delivery stops and says where to resume', () => {
    const socket = new FakeSocket(2);
    const overflows: Overflow[] = [];
    const delivery = new BoundedDelivery(socket, limits, 10n, { onOverflow: (o) => overflows.push(o) });
    const accepted = [11n, 12n, 13n, 14n, 15n, 16n].map((p) => delivery.push(`event ${p}`, p));
    expect(accepted).toEqual([true, true, true, true, true, false]);
    expect(overflows).toEqual([{ reason: expect.stringMatching(/too slow: 4 messages/), resumeFrom: 12n }]);
    expect(delivery.push('later', 17n)).toBe(false);
    socket.drain(10);
    expect(socket.written).toEqual(['event 11', 'event 12']);
  });

  it('given the byte bound, then a few large messages are enough to overflow', () => {
    const socket = new FakeSocket(1);
    const overflows: Overflow[] = [];
    const delivery = new BoundedDelivery(socket, limits, 0n, { onOverflow: (o) => overflows.push(o) });
    delivery.push('x'.repeat(600), 1n);
    delivery.push('x'.repeat(600), 2n);
    delivery.push('x'.repeat(600), 3n);
    expect(overflows).toHaveLength(1);
    expect(overflows[0].resumeFrom).toBe(1n);
  });
});

describe('SSE framing', () => {
  it('writes id, event and one data line per line, ended by a blank line', () => {
    expect(sseMessage({ id: '7', event: 'OfferMade', data: '{"a":1}\n{"b":2}' })).toBe('id: 7\nevent: OfferMade\ndata: {"a":1}\ndata: {"b":2}\n\n');
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(() => sseMessage({ event: 'a\nb', data: '' })).toThrow(/single line/);
  });
});

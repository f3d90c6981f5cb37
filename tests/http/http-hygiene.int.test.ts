import { connect, Socket } from 'node:net';
import { RunningServer } from '../../src/http/serve';
import { eventually, startParley, storeOf, tempStore } from '../subscriptions/harness';

const TOKEN = 'a-long-enough-test-token-for-writes';
const statement = { type: 'StatementIssued', negotiation: 'talks', occurredAt: '2020', data: { speaker: 'a', quote: 'b' } };

/** Sends raw bytes and resolves with everything the server sent once it closes the connection. */
const raw = (url: string, bytes: string): { socket: Socket; closed: Promise<string> } => {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => undefined);
  socket.write(bytes);
  return { socket, closed };
};

describe('HTTP hygiene', () => {
  let server: RunningServer;
  let store: { db: string; cleanup: () => void };
  beforeAll(async () => {
    store = tempStore();
    server = await startParley(store.db, { PARLEY_API_TOKEN: TOKEN, PARLEY_MAX_CONNECTIONS: '8' });
  });
  const openConnections = () =>
    new Promise<number>((resolve, reject) => server.app.getHttpServer().getConnections((error: Error | null, count: number) => (error ? reject(error) : resolve(count))));
  afterAll(async () => {
    await server.app.close();
    store.cleanup();
  });

  it.each(['/', '/events', '/docs', '/health'])('given GET %s, then the answer carries CSP, nosniff, frame denial and a referrer policy', async (path) => {
    const { headers } = await fetch(server.url + path);
    expect(headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('given answers refused before routing (401 without the token, 421 for a foreign Host), a CSV answer and a 404, then they carry the same security headers', async () => {
    const expectSecure = (headers: Headers) => {
      expect(headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
    };
    const unauthorized = await fetch(`${server.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(statement) });
    expect(unauthorized.status).toBe(401);
    expectSecure(unauthorized.headers);
    const csv = await fetch(`${server.url}/tariffs?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expectSecure(csv.headers);
    const missing = await fetch(`${server.url}/no-such-route`);
    expect(missing.status).toBe(404);
    expectSecure(missing.headers);
    const foreign = await raw(server.url, 'GET /health HTTP/1.1\r\nHost: evil.example\r\n\r\n').closed;
    expect(foreign).toMatch(/^HTTP\/1\.1 421/);
    expect(foreign.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(foreign.toLowerCase()).toContain("content-security-policy: default-src 'self'");
  });

  it('given a Host header naming another site (DNS rebinding), then the request is refused with 421 host_not_allowed and nothing is written', async () => {
    const before = await storeOf(server).headPosition();
    const answer = await raw(server.url, `POST /events HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${JSON.stringify(statement).length}\r\n\r\n${JSON.stringify(statement)}`).closed;
    expect(answer).toMatch(/^HTTP\/1\.1 421/);
    expect(answer).toContain('"code":"host_not_allowed"');
    expect(await storeOf(server).headPosition()).toBe(before);
    expect((await fetch(`${server.url}/health`)).status).toBe(200); // 127.0.0.1:port is allowed
  });

  it('given no token, when POSTing, then 401 carries WWW-Authenticate; a malformed body is not even parsed (401, not invalid_json)', async () => {
    const noToken = await fetch(`${server.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(statement) });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer realm="parley"');
    const broken = await fetch(`${server.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"unterminated' });
    expect(broken.status).toBe(401);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('given a client that sends half its headers and stalls, then the server answers 408 and closes the connection (instead of holding it ~90 s)', async () => {
    const { closed } = raw(server.url, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  }, 25_000);

  it('given PARLEY_MAX_CONNECTIONS=8 and 8 open connections, then a ninth is dropped at once and served again once others close', async () => {
    const held = Array.from({ length: 8 }, () => raw(server.url, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    await eventually(async () => (await openConnections()) === 8, 'the server to hold 8 connections');
    const ninth = raw(server.url, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await ninth.closed).toBe('');
    held.forEach(({ socket }) => socket.destroy());
    await Promise.all(held.map(({ closed }) => closed));
    await eventually(async () => (await openConnections()) === 0, 'the server to see them closed');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

import { connect } from 'node:net';
import { hasErrorShape, TestServer } from './http-server';

/**
 * Table-driven hostile inputs (the red-team report's section 3, issue 13): each case is tagged as the
 * report tagged it — must-reject (a 4xx in the error shape whose text names the field or cause, no
 * event written), either (anything but a 5xx; a 4xx still in the error shape) or accept (a 2xx).
 */
export type Verdict = 'must-reject' | 'either' | 'accept';

/** A request sent with fetch, or raw bytes on a socket (lies about Content-Length, unnormalised paths). */
export type HostileRequest =
  | { method?: string; path: string; body?: string | Buffer | (() => string | Buffer); contentType?: string | null; headers?: Record<string, string> }
  | { raw: string | Buffer | (() => Buffer) };

export interface HostileCase {
  /** The report's class (its per-class table row). */
  cls: string;
  name: string;
  verdict: Verdict;
  request: HostileRequest;
  /** must-reject: a token the answer must contain (the field, parameter or cause). */
  names?: string | RegExp;
  /** An exact status, where one is the right answer (404 for an unknown route, 413, 409…). */
  status?: number;
}

export interface HostileAnswer {
  status: number;
  text: string;
}

const memo = new WeakMap<() => unknown, unknown>();
/** Huge bodies are built once, when first sent. */
const once = <T>(make: () => T): T => {
  if (!memo.has(make)) memo.set(make, make());
  return memo.get(make) as T;
};

/** Sends bytes as they are and reads one answer (the request should say `connection: close`). */
export const sendRaw = (url: string, bytes: Buffer): Promise<HostileAnswer> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      const answer = parseAnswer(Buffer.concat(chunks));
      if (answer) {
        settled = true;
        socket.destroy();
        resolve(answer);
      } else if (error || socket.destroyed) {
        settled = true;
        reject(error ?? new Error(`no complete answer: ${Buffer.concat(chunks).toString('latin1').slice(0, 200)}`));
      }
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      finish();
    });
    // A server that answers early (413) may reset the connection while bytes are still being written.
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`closed without a complete answer: ${Buffer.concat(chunks).toString('latin1').slice(0, 200)}`)));
    socket.on('end', () => finish());
    socket.write(bytes, () => socket.end());
  });

const parseAnswer = (data: Buffer): HostileAnswer | undefined => {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = data.subarray(0, end).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const body = data.subarray(end + 4);
  if (length && body.length < Number(length[1])) return undefined;
  if (!length && /\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    if (!body.includes('\r\n0\r\n\r\n') && !body.subarray(0, 5).equals(Buffer.from('0\r\n\r\n'))) return undefined;
    return { status, text: dechunk(body) };
  }
  return { status, text: body.subarray(0, length ? Number(length[1]) : undefined).toString('utf8') };
};

const dechunk = (body: Buffer): string => {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts).toString('utf8');
};

/** A raw HTTP/1.1 request: the request line and headers as given, then the body bytes. */
export const rawRequest = (url: string, head: string, body: Buffer | string = ''): Buffer => {
  const { host } = new URL(url);
  return Buffer.concat([Buffer.from(`${head.replace('{host}', host)}\r\n\r\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
};

export const send = async (server: TestServer, request: HostileRequest): Promise<HostileAnswer> => {
  if ('raw' in request) {
    const raw = typeof request.raw === 'function' ? once(request.raw) : request.raw;
    return sendRaw(server.url, Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1'));
  }
  const body = typeof request.body === 'function' ? once(request.body) : request.body;
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  const contentType = request.contentType === undefined ? (body !== undefined ? 'application/json' : null) : request.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  // A stream (SSE) that was wrongly accepted never ends: the abort turns that into a failure.
  const signal = AbortSignal.timeout(15_000);
  const response = await fetch(server.url + request.path, { method: request.method ?? (body !== undefined ? 'POST' : 'GET'), body, headers, signal });
  return { status: response.status, text: await response.text() };
};

export const headPosition = async (server: TestServer): Promise<string> => {
  const health = await server.get('/health');
  if (health.status !== 200) throw new Error(`the server is not healthy: ${health.status} ${health.text.slice(0, 200)}`);
  return String(health.body.store.headPosition);
};

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const show = (answer: HostileAnswer) => `${answer.status} ${answer.text.slice(0, 400)}`;

/**
 * Sends one case and checks what its verdict demands; every case leaves /health answering 200.
 * Returns the answer for extra checks.
 */
export const runHostileCase = async (server: TestServer, hostile: HostileCase): Promise<HostileAnswer> => {
  const before = await headPosition(server);
  const answer = await send(server, hostile.request);
  const after = await headPosition(server); // also: the server is alive
  const body = parsed(answer.text);
  if (hostile.status !== undefined && answer.status !== hostile.status) throw new Error(`expected ${hostile.status}, got ${show(answer)}`);
  if (answer.status >= 500) throw new Error(`a 5xx: ${show(answer)}`);
  if (answer.status >= 400 && !hasErrorShape(body)) throw new Error(`a 4xx without the error shape: ${show(answer)}`);
  if (hostile.verdict === 'must-reject') {
    if (answer.status < 400) throw new Error(`accepted a must-reject input: ${show(answer)}`);
    if (after !== before) throw new Error(`a refused input wrote events: head ${before} → ${after}`);
    const token = hostile.names;
    if (token === undefined) throw new Error('a must-reject case needs the token its answer must name');
    const found = typeof token === 'string' ? answer.text.includes(token) : token.test(answer.text);
    if (!found) throw new Error(`the answer does not name ${String(token)}: ${show(answer)}`);
  }
  if (hostile.verdict === 'accept' && (answer.status < 200 || answer.status >= 300)) throw new Error(`refused an acceptable input: ${show(answer)}`);
  return answer;
};

/** Counts per class and verdict, for a visible tally against the report's table. */
export const tally = (cases: readonly HostileCase[]) => {
  const perClass: Record<string, number> = {};
  const perVerdict: Record<Verdict, number> = { 'must-reject': 0, either: 0, accept: 0 };
  for (const c of cases) {
    perClass[c.cls] = (perClass[c.cls] ?? 0) + 1;
    perVerdict[c.verdict]++;
  }
  return { perClass, perVerdict };
};

/** "161 must-reject, 2 either, 19 accept": the figure a table's title shows. */
export const verdictCounts = (cases: readonly HostileCase[]): string => {
  const { perVerdict } = tally(cases);
  return `${perVerdict['must-reject']} must-reject, ${perVerdict.either} either, ${perVerdict.accept} accept`;
};

/** it.each rows titled "[verdict] class: name". */
export const tableRows = (cases: readonly HostileCase[]) => cases.map((c) => [c.verdict, c.cls, c.name, c] as const);

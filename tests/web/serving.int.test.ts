/** How the server sends the page and its answers: pre-compressed assets, compressed JSON, stored source texts. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/parley-config';
import { RunningServer, startServer } from '../../src/http/serve';
import { webRoot } from '../../src/web/web.module';
import { chooseEncoding } from '../../src/web/compress-answers';
import { ensureWebBuilt } from './browser';

/** A raw GET (no automatic decompression), with the headers and the bytes as sent. */
const rawGet = (url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });

describe('serving the page and its answers', () => {
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'parley-serving-'));
    server = await startServer(loadConfig({ store: join(dir, 'parley.db'), port: 0, loadBundledHistory: true }));
  }, 60_000);

  afterAll(async () => {
    await server?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a browser that accepts brotli, when it loads the page script, then the build\'s .br copy is sent (a fraction of the size), and the plain file to one that accepts nothing', async () => {
    const script = readdirSync(join(webRoot(), 'assets')).find((f) => /^index-.*\.js$/.test(f)) as string;
    const br = await rawGet(`${server.url}/assets/${script}`, 'gzip, deflate, br');
    const plain = await rawGet(`${server.url}/assets/${script}`, 'identity');
    expect(br.headers['content-encoding']).toBe('br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.bytes).toBeLessThan(plain.bytes * 0.5);
    expect((await rawGet(`${server.url}/`, 'gzip')).headers['content-encoding']).toBe('gzip');
  });

  it('given the timeline answer (tens of kilobytes of JSON), when asked with and without Accept-Encoding, then it is compressed only when accepted; small answers and streams go as they are', async () => {
    const url = `${server.url}/timeline?negotiation=nafta-renegotiation`;
    const br = await rawGet(url, 'br');
    const plain = await rawGet(url, '');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.bytes).toBeLessThan(plain.bytes * 0.3);
    expect((await rawGet(`${server.url}/health`, 'br')).headers['content-encoding']).toBeUndefined();
    expect([chooseEncoding('gzip;q=0, br;q=0'), chooseEncoding('gzip, br;q=0'), chooseEncoding('*')]).toEqual([null, 'gzip', 'br']);
  });

  it('given an event whose source names a stored text, when /sources/<document> is asked, then the text is sent; an unknown or path-like name is a JSON 404', async () => {
    const ok = await fetch(`${server.url}/sources/000_3f9adb5ce6b3ea5f.txt`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect(await ok.text()).toContain('NAFTA');
    for (const name of ['nope.txt', '..%2Fpackage.json', '.hidden.txt']) {
      const missing = await fetch(`${server.url}/sources/${name}`);
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe('not_found');
    }
  });
});

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../storage/sqlite';
import { getRaw as getBytes, startTestServer, type TestServer } from '../testing/http';

/** Send a raw request line so the path reaches the server exactly as written (fetch normalises `..`). */
function rawGet(url: string, path: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

const bigScript = Array.from({ length: 200 }, (_, i) => `export const item${i} = 'a product card ${i}';`).join('\n');

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'affinity-static-'));
  const site = join(root, 'site');
  const assets = join(root, 'assets');
  let server: TestServer;
  beforeAll(async () => {
    mkdirSync(site);
    mkdirSync(assets);
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Demo</title>');
    writeFileSync(join(site, 'style.css'), 'body{}');
    writeFileSync(join(assets, 'affinity.js'), 'console.log(1)');
    writeFileSync(join(assets, 'widgets.js'), bigScript);
    writeFileSync(join(assets, 'photo.png'), Buffer.alloc(4096, 7));
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    server = await startTestServer({ storage: createSqliteStorage({ file: ':memory:' }), staticDir: { '/': site, '/assets/': assets } });
  });
  afterAll(async () => {
    await server.close();
    await server.app.context.storage.close();
  });

  it('serves index.html at / and files with their content types', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Demo</title>');
    const css = await fetch(`${server.url}/style.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const js = await fetch(`${server.url}/assets/affinity.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('never serves files outside the mapped directories', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00index.html']) {
      const response = await rawGet(server.url, path);
      expect(response).toMatch(/^HTTP\/1.1 404/);
      expect(response).not.toContain('do not serve');
    }
  });

  it('answers 404 for missing files', async () => {
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
  });

  it('sends text compressed when the browser accepts it, and 304 for an unchanged file', async () => {
    const js = await getBytes(`${server.url}/assets/widgets.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.headers.vary).toBe('Accept-Encoding');
    expect(js.body.length).toBeLessThan(bigScript.length / 4);
    expect(brotliDecompressSync(js.body).toString()).toBe(bigScript);
    const again = await getBytes(`${server.url}/assets/widgets.js`, { 'accept-encoding': 'br', 'if-none-match': String(js.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Images are compressed already; tiny files are not worth it.
    const png = await getBytes(`${server.url}/assets/photo.png`, { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
    const tiny = await getBytes(`${server.url}/assets/affinity.js`, { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('console.log(1)');
  });
});

describe('static files for a single-page app', () => {
  const root = mkdtempSync(join(tmpdir(), 'affinity-spa-'));
  const built = join(root, 'dist');
  const pub = join(root, 'public');
  let server: TestServer;
  beforeAll(async () => {
    mkdirSync(built);
    mkdirSync(pub);
    writeFileSync(join(built, 'app.js'), 'built()');
    writeFileSync(join(pub, 'index.html'), '<!doctype html><title>Store</title>');
    writeFileSync(join(pub, 'styles.css'), 'body{}');
    server = await startTestServer({
      storage: createSqliteStorage({ file: ':memory:' }),
      staticDir: { '/': [built, pub] },
      staticFallback: join(pub, 'index.html'),
    });
  });
  afterAll(async () => {
    await server.close();
    await server.app.context.storage.close();
  });

  it('serves one prefix from several directories in order', async () => {
    expect(await (await fetch(`${server.url}/app.js`)).text()).toBe('built()');
    expect(await (await fetch(`${server.url}/styles.css`)).text()).toBe('body{}');
  });

  it('answers deep links with the app page, but missing assets and API paths with 404', async () => {
    const deep = await fetch(`${server.url}/product/85123A`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>Store</title>');
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/nothing-here`)).status).toBe(404);
  });
});

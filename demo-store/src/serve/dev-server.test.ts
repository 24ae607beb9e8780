// @vitest-environment node
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStore } from './dev-server';

let root: string;
let store: Awaited<ReturnType<typeof startDemoStore>>;
let api: ReturnType<typeof createServer>;
const received: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'af-store-'));
  for (const d of ['demo-store/public', 'demo-store/dist', 'packages/embed/dist']) await mkdir(join(root, d), { recursive: true });
  await writeFile(join(root, 'demo-store/public/index.html'), '<!doctype html><title>store</title>');
  await writeFile(join(root, 'demo-store/public/catalog.json'), '[]');
  await writeFile(join(root, 'demo-store/dist/app.js'), 'app');
  await writeFile(join(root, 'packages/embed/dist/affinity.js'), 'sdk');
  await writeFile(join(root, 'secret.txt'), 'secret');
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":1}');
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  store = await startDemoStore({ root, api: `http://127.0.0.1:${(api.address() as AddressInfo).port}` });
});

afterAll(async () => {
  await store?.close();
  await new Promise((r) => api?.close(r));
});

const get = (path: string) => fetch(store.url + path);

describe('startDemoStore', () => {
  it('serves the store, the app bundle and the SDK from one origin', async () => {
    expect(await (await get('/catalog.json')).text()).toBe('[]');
    expect(await (await get('/app.js')).text()).toBe('app');
    expect(await (await get('/affinity.js')).text()).toBe('sdk');
  });

  it('answers page paths with index.html, missing files with 404', async () => {
    for (const path of ['/', '/product/85123A', '/c/home-and-living/clocks', '/search?q=mug']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('<title>store</title>');
    }
    expect((await get('/img/nope.svg')).status).toBe(404);
  });

  it('never serves files outside its directories', async () => {
    // Raw requests: fetch would normalise the dots away before they reach the server.
    const raw = (path: string) =>
      new Promise<string>((done, fail) => {
        const { port } = store.server.address() as AddressInfo;
        httpGet({ host: '127.0.0.1', port, path }, (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => done(`${r.statusCode} ${body}`));
        }).on('error', fail);
      });
    for (const path of ['/../../secret.txt', '/%2e%2e/%2e%2e/secret.txt', '/..%2f..%2fsecret.txt', '/demo-store/../secret.txt']) {
      expect(await raw(path)).not.toContain('secret');
    }
    expect(await raw('/..%2f..%2fsecret.txt')).toMatch(/^400/);
  });

  it('forwards /v1 calls to the Affinity server with their body', async () => {
    const r = await fetch(`${store.url}/v1/events`, { method: 'POST', body: '{"site":"demo"}', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(202);
    expect(received).toContain('POST /v1/events {"site":"demo"}');
  });
});

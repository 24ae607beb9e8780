import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompressionCache, negotiate } from './compress';
import { etagOf, sendCached } from './etag';
import { getRaw as raw } from '../testing/http';

// A model-like body: large, repetitive JSON (what /v1/model sends for a real catalog).
const big = JSON.stringify({ alsoViewed: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`sku-${i}`, [[`sku-${i + 1}`, 3, 0.25, 12.5]]])) });
const small = JSON.stringify({ ok: true });

describe('sendCached', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => void sendCached(req, res, req.url === '/small' ? small : big, 'public, max-age=60'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends a large body brotli- or gzip-compressed as the client accepts, the same JSON once decoded', async () => {
    const br = await raw(`${url}/big`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Origin, Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(big.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(big);

    const gz = await raw(`${url}/big`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(big);
    // The ETag names the content, whatever its coding.
    expect(gz.headers.etag).toBe(br.headers.etag);
    expect(gz.headers.etag).toBe(etagOf(big));
  });

  it('sends the JSON as it is to a client that accepts no coding, and small bodies always', async () => {
    const plain = await raw(`${url}/big`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(big);
    const none = await raw(`${url}/big`);
    expect(none.body.toString()).toBe(big);
    const tiny = await raw(`${url}/small`, { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe(small);
  });

  it('answers 304 with no body for a matching If-None-Match, compressed or not', async () => {
    const res = await raw(`${url}/big`, { 'accept-encoding': 'br', 'if-none-match': `W/${etagOf(big)}` });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
  });
});

describe('negotiate', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, coding) => {
    expect(negotiate(header)).toBe(coding);
  });
});

describe('createCompressionCache', () => {
  it('compresses a body once per ETag and coding, also for concurrent requests', async () => {
    const cache = createCompressionCache();
    const [a, b] = await Promise.all([cache.get('"v1"', 'gzip', () => big), cache.get('"v1"', 'gzip', () => big)]);
    expect(a).toBe(b);
    expect(await cache.get('"v1"', 'gzip', () => big)).toBe(a);
    expect(await cache.get('"v1"', 'br', () => big)).not.toBe(a);
    expect(gunzipSync(a).toString()).toBe(big);
  });

  it('lets the least recently used bodies go past its byte bound', async () => {
    const cache = createCompressionCache(1); // every body is over the bound: only the newest stays
    const first = await cache.get('"v1"', 'gzip', () => big);
    await cache.get('"v2"', 'gzip', () => big);
    expect(await cache.get('"v2"', 'gzip', () => big)).toBe(await cache.get('"v2"', 'gzip', () => big));
    expect(await cache.get('"v1"', 'gzip', () => big)).not.toBe(first);
  });
});

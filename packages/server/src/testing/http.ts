import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type AppOptions, type App } from '../app';
import type { TestStorage } from './storages';

/** A real HTTP server around an app, on a free port. */
export interface TestServer {
  url: string;
  app: App;
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Start `createApp(options)` on 127.0.0.1:0 so tests talk HTTP exactly like browsers do.
 *
 * @example
 * const server = await startTestServer({ storage });
 * await server.post('/v1/events', { site: 'demo', events: [] });
 */
export async function startTestServer(options: AppOptions): Promise<TestServer> {
  const app = createApp(options);
  const server: Server = createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    post(path, body, init = {}) {
      return fetch(url + path, {
        method: 'POST',
        ...init,
        headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async close() {
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * For each test of the enclosing `describe`: a fresh storage from `create` and a server on it,
 * both closed after the test. Read `ctx.t` and `ctx.server` inside tests (new for every test).
 *
 * @example
 * describe.each(STORAGE_KINDS)('events on $name', ({ create }) => {
 *   const ctx = serverPerTest(create, { config: { sites: { demo: { origins: ['*'] } } } });
 *   it('stores', async () => expect((await ctx.server.post('/v1/events', body)).status).toBe(202));
 * });
 */
export function serverPerTest(create: () => Promise<TestStorage>, options: Omit<AppOptions, 'storage'>): { t: TestStorage; server: TestServer } {
  const ctx = {} as { t: TestStorage; server: TestServer };
  beforeEach(async () => {
    ctx.t = await create();
    ctx.server = await startTestServer({ ...options, storage: ctx.t.storage });
  });
  afterEach(async () => {
    await ctx.server.close();
    await ctx.t.destroy();
  });
  return ctx;
}

/**
 * A GET without fetch's automatic decompression: the status, headers and body bytes as sent.
 * @example const { headers, body } = await getRaw(`${server.url}/v1/model?site=demo`, { 'accept-encoding': 'br' });
 */
export function getRaw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

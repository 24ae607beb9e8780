import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

/** Options of {@link startDemoStore}. */
export interface DemoStoreServerOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  host?: string;
  /** Affinity server to forward `/v1/*` to (same origin for the page, as in production). */
  api?: string;
  /** Repository root. Default: the working directory. */
  root?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The store's URL layout, in lookup order: `/` is served from these directories, first hit wins.
 * The Affinity server must serve the same layout (see demo-store/README.md).
 */
export const STORE_DIRS = ['demo-store/public', 'demo-store/dist', 'packages/embed/dist'] as const;

async function serveFile(root: string, pathname: string, res: ServerResponse): Promise<boolean> {
  for (const dir of STORE_DIRS) {
    const base = resolve(root, dir);
    const file = resolve(join(base, pathname));
    if (!file.startsWith(base + sep)) return false;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': info.size, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
    return true;
  }
  return false;
}

/** Forwards one request to `api` (same path and headers), streaming both ways. */
export function proxy(api: string, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url ?? '/', api);
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `Affinity server at ${api} is not reachable (${e.message})` }));
  });
  req.pipe(upstream);
}

/**
 * Serves the demo store for development and end-to-end tests before (or without) the Affinity
 * server's own static hosting: files from {@link STORE_DIRS}, `index.html` for every other page
 * path (client-side routing), and `/v1/*` forwarded to `api` when given.
 *
 * @example
 * const store = await startDemoStore({ port: 8080, api: 'http://127.0.0.1:8787' });
 * console.log(store.url); await store.close();
 */
export async function startDemoStore(options: DemoStoreServerOptions = {}): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const { port = 0, host = '127.0.0.1', api, root = process.cwd() } = options;
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (pathname.startsWith('/v1/')) {
        if (api) return proxy(api, req, res);
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no Affinity server configured (start with --api)"}');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (pathname.includes('\0') || pathname.split('/').includes('..')) {
        res.writeHead(400).end();
        return;
      }
      if (pathname !== '/' && (await serveFile(root, pathname, res))) return;
      // Paths that look like files are real 404s; page paths get the app (history routing).
      if (extname(pathname)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (!(await serveFile(root, '/index.html', res))) res.writeHead(500).end('demo-store/public/index.html is missing');
    } catch {
      if (!res.headersSent) res.writeHead(400).end();
    }
  });
  await new Promise<void>((r) => server.listen(port, host, r));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

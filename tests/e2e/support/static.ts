import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json' };

/**
 * A merchant's site on its own origin: serves fixture pages, with `{{ENDPOINT}}` replaced by
 * the Affinity server URL, and `/affinity.js` (+ its widgets chunk) from the built embed bundle.
 */
export async function startMerchantSite(root: string, vars: Record<string, string>, headers: Record<string, string> = {}) {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = /^\/affinity(-widgets\.[\w-]+)?\.js(\.map)?$/.test(path)
      ? join('packages/embed/dist', path.slice(1))
      : join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    try {
      let body: Buffer | string = await readFile(file);
      if (extname(file) === '.html') body = body.toString('utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * URL prefix → directory (or directories, searched in order), e.g.
 * `{ '/': ['demo-store/dist', 'demo-store/public'], '/assets/': 'packages/embed/dist' }`.
 */
export type StaticDirs = string | Record<string, string | string[]>;

/** Options of {@link createStatic}. */
export interface StaticOptions {
  /**
   * A page served for GET paths with no file extension that match no file — a single-page app's
   * `index.html`, so deep links such as `/product/42` load the app, which routes itself.
   */
  fallback?: string;
}

/** Serves files for GET/HEAD; resolves `false` when no mapped file exists, so the caller answers 404. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

/**
 * Serve files from directories mapped to URL prefixes (longest prefix wins; a string maps `/`).
 * `/` and directory paths serve `index.html`. Paths that decode outside the directory (`..`,
 * encoded slashes, NUL) are refused.
 *
 * @example
 * const serve = createStatic({ '/': 'demo-store/dist', '/assets/': 'packages/embed/dist' });
 */
export function createStatic(dirs: StaticDirs, options: StaticOptions = {}): StaticHandler {
  const mapping = typeof dirs === 'string' ? { '/': dirs } : dirs;
  const mounts = Object.entries(mapping)
    .flatMap(([prefix, dir]) => (Array.isArray(dir) ? dir : [dir]).map((d) => ({ prefix: prefix.endsWith('/') ? prefix : `${prefix}/`, root: resolve(d) })))
    // Longest prefix first; directories of one prefix keep their given order (sort is stable).
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const fallback = options.fallback ? resolve(options.fallback) : undefined;

  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return false;
    for (const { prefix, root } of mounts) {
      if (!decoded.startsWith(prefix)) continue;
      let file = resolve(join(root, decoded.slice(prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) return false;
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) continue;
      return send(req, res, file, info.size);
    }
    if (fallback && !extname(decoded)) {
      const info = await stat(fallback).catch(() => undefined);
      if (info?.isFile()) return send(req, res, fallback, info.size);
    }
    return false;
  };
}

function send(req: IncomingMessage, res: ServerResponse, file: string, size: number): true {
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}

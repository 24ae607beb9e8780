import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MIN_COMPRESS_BYTES } from './compress';
import { compressedFor, matchesEtag } from './etag';

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
      return send(req, res, file, info);
    }
    if (fallback && !extname(decoded)) {
      const info = await stat(fallback).catch(() => undefined);
      if (info?.isFile()) return send(req, res, fallback, info);
    }
    return false;
  };
}

/** Text worth compressing (images and fonts are compressed already). */
const TEXT = /^(text\/|application\/json|image\/svg)/;
/** Larger files stream as they are rather than sit in memory whole. */
const MAX_COMPRESS_BYTES = 8 * 1024 * 1024;

// `no-cache` with a validator: a browser asks every time (a new build shows at once) and an
// unchanged file costs a 304. Text goes brotli- or gzip-compressed when the client takes it,
// compressed once per version of the file: the drop-in's size budgets are compressed sizes.
async function send(req: IncomingMessage, res: ServerResponse, file: string, info: Stats): Promise<true> {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  const packable = TEXT.test(type) && info.size >= MIN_COMPRESS_BYTES && info.size <= MAX_COMPRESS_BYTES;
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', etag };
  if (packable) headers.vary = 'Accept-Encoding';
  if (matchesEtag(req, etag)) {
    res.writeHead(304, headers).end();
    return true;
  }
  const packed = packable ? await compressedFor(req, `${file} ${etag}`, () => readFile(file)) : undefined;
  if (packed) {
    res.writeHead(200, { ...headers, 'content-encoding': packed.coding, 'content-length': String(packed.body.length) });
    res.end(req.method === 'HEAD' ? undefined : packed.body);
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': String(info.size) });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}

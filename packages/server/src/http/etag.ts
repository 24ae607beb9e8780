import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCompressionCache, MIN_COMPRESS_BYTES, negotiate, type Coding, type CompressionCache } from './compress';

/** Strong ETag for a response body. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** One per process: keys are content hashes, so the apps of a process can share it. */
const compressed = createCompressionCache();

/** An entity tag without its weak marker: `If-None-Match` compares tags weakly. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Whether the request's `If-None-Match` names `etag` (weakly or strongly). */
export function matchesEtag(req: IncomingMessage, etag: string): boolean {
  const match = req.headers['if-none-match'];
  return !!match && match.split(',').some((t) => opaque(t) === opaque(etag));
}

/**
 * The body named `key` compressed in a coding the request accepts (from `cache`, compressed once
 * per key); `undefined` when the client takes none, or the compression failed (out of memory,
 * say): the body then goes as it is.
 */
export async function compressedFor(
  req: IncomingMessage,
  key: string,
  load: () => string | Buffer | Promise<string | Buffer>,
  cache: CompressionCache = compressed,
): Promise<{ coding: Coding; body: Buffer } | undefined> {
  const coding = negotiate(req.headers['accept-encoding']);
  const body = coding && (await cache.get(key, coding, load).catch(() => undefined));
  return body ? { coding: coding!, body } : undefined;
}

/**
 * Send a JSON text with its ETag, or `304 Not Modified` when the client already has it. A body
 * of 1 KB or more goes compressed (brotli or gzip, as the client accepts), compressed once per
 * ETag: the model of a large catalog is megabytes of JSON and a few hundred KB compressed.
 *
 * @example
 * await sendCached(req, res, JSON.stringify(page), 'public, max-age=60');
 */
export async function sendCached(req: IncomingMessage, res: ServerResponse, body: string, cacheControl: string, etag = etagOf(body), cache: CompressionCache = compressed): Promise<void> {
  const big = body.length >= MIN_COMPRESS_BYTES;
  const headers: Record<string, string> = { etag, 'cache-control': cacheControl, vary: big ? 'Origin, Accept-Encoding' : 'Origin' };
  if (matchesEtag(req, etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const packed = big ? await compressedFor(req, `${etag} ${body.length}`, () => body, cache) : undefined;
  const out = packed?.body ?? body;
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    ...(packed ? { 'content-encoding': packed.coding } : {}),
    'content-length': String(Buffer.byteLength(out)),
  });
  res.end(out);
}

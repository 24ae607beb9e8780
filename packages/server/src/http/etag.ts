import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCompressionCache, MIN_COMPRESS_BYTES, negotiate, type CompressionCache } from './compress';

/** Strong ETag for a response body. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** One per process: keys are content hashes, so the apps of a process can share it. */
export const compressed = createCompressionCache();

/** Whether the request's `If-None-Match` names `etag` (weakly or strongly). */
export function matchesEtag(req: IncomingMessage, etag: string): boolean {
  const match = req.headers['if-none-match'];
  const weak = etag.startsWith('W/') ? etag : `W/${etag}`;
  return !!match && match.split(',').some((t) => t.trim() === etag || t.trim() === weak || `W/${t.trim()}` === weak);
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
  const coding = big ? negotiate(req.headers['accept-encoding']) : undefined;
  // A failed compression (out of memory, say) still answers, uncompressed.
  const packed = coding && (await cache.get(`${etag} ${body.length}`, coding, () => body).catch(() => undefined));
  const out = packed || body;
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    ...(packed ? { 'content-encoding': coding } : {}),
    'content-length': String(Buffer.byteLength(out)),
  });
  res.end(out);
}

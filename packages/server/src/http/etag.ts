import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Strong ETag for a response body. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Send a JSON text with its ETag, or `304 Not Modified` when the client already has it.
 *
 * @example
 * sendCached(req, res, JSON.stringify(page), 'public, max-age=60');
 */
export function sendCached(req: IncomingMessage, res: ServerResponse, body: string, cacheControl: string, etag = etagOf(body)): void {
  const headers = { etag, 'cache-control': cacheControl, vary: 'Origin' };
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

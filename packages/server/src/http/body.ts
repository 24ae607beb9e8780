import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond';

/** Content types a JSON body may arrive with; browsers send `text/plain` so `sendBeacon` needs no preflight. */
const JSON_TYPES = new Set(['application/json', 'text/plain']);

/**
 * Read and parse a JSON request body, refusing anything over `limit` bytes (413) before
 * buffering it, wrong content types (415) and malformed JSON (400).
 *
 * @example
 * const body = await readJson(req, 512 * 1024);
 */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type)) {
    throw new HttpError(415, `Content-Type must be application/json or text/plain, got "${type || 'none'}".`, 'content-type');
  }
  const text = await readText(req, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Body is not valid JSON.', 'body');
  }
}

/**
 * Read a request body as UTF-8 text, refusing more than `limit` bytes with 413.
 *
 * @example
 * const csv = await readText(req, 20 * 1024 * 1024);
 */
export async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw tooLarge(req, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(req, limit);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

function tooLarge(req: IncomingMessage, limit: number): HttpError {
  // Drain the rest so the 413 still reaches the client instead of a reset connection.
  req.resume();
  return new HttpError(413, `Body is larger than the limit of ${limit} bytes; send smaller batches.`, 'body');
}

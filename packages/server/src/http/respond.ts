import type { ServerResponse } from 'node:http';

/**
 * Send a JSON body with its length. Headers set earlier on `res` (CORS) are kept.
 *
 * @example
 * sendJson(res, 202, { accepted: 3, duplicates: 0, rejected: [] });
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** An error a handler throws to answer with a 4xx/5xx JSON body `{ error, field? }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Answer with the JSON error body every endpoint uses. */
export function sendError(res: ServerResponse, error: HttpError): void {
  const body = error.field === undefined ? { error: error.message } : { error: error.message, field: error.field };
  sendJson(res, error.status, body, error.headers);
}

import type { ServerResponse } from 'node:http';
import * as v from 'valibot';
import { describeIssue } from '../events/events.schema';
import { HttpError, sendJson } from '../http/respond';

/**
 * Answer a promotion request with `serverTime` in the body (and an `X-Server-Time` header, also
 * on errors) so browsers can correct their countdowns for clock skew.
 *
 * @example
 * answer(res, 201, now, { reservation });
 */
export function answer(res: ServerResponse, status: number, now: number, body: Record<string, unknown>): void {
  sendJson(res, status, { ...body, serverTime: now }, { 'x-server-time': String(now) });
}

/**
 * A refusal with a machine-readable `reason` next to the human `error`.
 *
 * @example
 * refuse(res, 409, now, 'sold_out', 'This flash sale is sold out.');
 */
export function refuse(res: ServerResponse, status: number, now: number, reason: string, error: string, extra: Record<string, unknown> = {}): void {
  answer(res, status, now, { error, reason, ...extra });
}

/** Parse a request body with a schema, or throw a 400 naming the first wrong field. */
export function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, body);
  if (r.success) return r.output;
  const { field, error } = describeIssue(r.issues[0]);
  throw new HttpError(400, error, field);
}

/** Throw 401 unless the request carries the secret key (server-to-server and admin calls). */
export function requireSecret(isAdmin: boolean, what: string): void {
  if (!isAdmin) throw new HttpError(401, `${what} needs the secret key: send "Authorization: Bearer <admin key>" from your server, never from a browser.`, 'authorization');
}

/** The site query parameter, required by read endpoints. */
export function siteParam(url: URL): string {
  const site = url.searchParams.get('site');
  if (!site || site.length > 64) throw new HttpError(400, 'The "site" query parameter is required (your public site key).', 'site');
  return site;
}

export const SiteKey = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const VisitorId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

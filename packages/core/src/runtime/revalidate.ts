import type { KeyValueStore } from '../types';

/** A server answer to {@link conditionalGet}: no `body` when it was `304 Not Modified`. */
export interface Revalidated {
  body?: unknown;
  etag?: string;
}

/** `{endpoint}{path}?site=…` (a trailing slash of the endpoint is dropped). */
export const siteUrl = (endpoint: string, path: string, site: string): string => `${endpoint.replace(/\/+$/, '')}${path}?site=${encodeURIComponent(site)}`;

/**
 * A GET of one of the server's cacheable JSON resources (model, session index), revalidating
 * the copy the page keeps with `If-None-Match` when it has an ETag, so an unchanged resource
 * costs a 304. Cookies are left out (the resources are per site, not per shopper); aborted after
 * `timeoutMs`. Throws on a network error, a timeout or a status other than 2xx (or 304 to a
 * conditional request); callers fall back to their cached copy.
 *
 * @example
 * const r = await conditionalGet(fetch, siteUrl(endpoint, '/v1/model', 'shop'), cached?.etag, 10_000);
 * if (!('body' in r)) useCached(); // 304
 */
export async function conditionalGet(fetchFn: typeof fetch, url: string, etag: string | undefined, timeoutMs: number): Promise<Revalidated> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (etag) headers['if-none-match'] = etag;
    const res = await fetchFn(url, { headers, credentials: 'omit', signal: ctrl.signal });
    if (res.status === 304 && etag) return {};
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { body: await res.json(), etag: res.headers.get('etag') ?? undefined };
  } finally {
    clearTimeout(timer);
  }
}

/** Stores a cached copy; a failed write loses only the cache, so it is ignored. */
export async function saveCache(state: KeyValueStore, key: string, value: unknown): Promise<void> {
  try {
    await state.set(key, value);
  } catch {
    // only a cache
  }
}

import { fromSessionIndexPayload, type SessionIndex } from '../recommend/next/session-index';
import type { KeyValueStore } from '../types';
import { conditionalGet, saveCache, siteUrl } from './revalidate';

/** The last `GET /v1/sessions` answer, kept in `affinity.state` between pages. */
export interface CachedSessionIndex {
  etag?: string;
  fetchedAt: number;
  /** The payload as received (validated again on every load: the store is not trusted either). */
  payload: unknown;
}

/** Options of {@link fetchSessionIndex}. */
export interface FetchSessionIndexOptions {
  endpoint: string;
  site: string;
  state: KeyValueStore;
  fetch: typeof fetch;
  now: () => number;
  /** A cached index younger than this is used without asking the server. Default 10 minutes (the server's max-age). */
  maxAgeMs?: number;
  timeoutMs?: number;
}

const KEY = 'sessions';
// A 304 only refreshes this small record, so the large payload is not rewritten every revalidation.
const CHECKED = 'sessions-checked';

/**
 * Loads the `next` strategy's session index: the cached copy when fresh, else
 * `GET {endpoint}/v1/sessions?site=…` with `If-None-Match`, so an unchanged index costs a 304.
 * Call it off the critical path (after the first widget renders): it is tens of KB gzipped.
 * Returns `null` when there is neither a valid response nor a cache — `next` then uses the model's
 * transitions. Never throws.
 *
 * @example
 * const sessionIndex = await fetchSessionIndex({ endpoint, site: 'shop', state: affinity.state, fetch, now: Date.now });
 * recommend('next', { catalog, model, sessionIndex, viewed: ['tent'] });
 */
export async function fetchSessionIndex(o: FetchSessionIndexOptions): Promise<SessionIndex | null> {
  let cached: { etag?: string; fetchedAt: number; index: SessionIndex } | undefined;
  try {
    const raw = await o.state.get<CachedSessionIndex>(KEY);
    if (raw && typeof raw.fetchedAt === 'number') {
      const etag = typeof raw.etag === 'string' ? raw.etag : undefined;
      const checked = await o.state.get<{ etag?: string; at?: number }>(CHECKED);
      const fetchedAt = checked && etag && checked.etag === etag && typeof checked.at === 'number' ? Math.max(raw.fetchedAt, checked.at) : raw.fetchedAt;
      cached = { etag, fetchedAt, index: fromSessionIndexPayload(raw.payload) };
    }
  } catch {
    // an unreadable or invalid cache is the same as none
  }
  if (cached && o.now() - cached.fetchedAt < (o.maxAgeMs ?? 600_000)) return cached.index;
  const url = siteUrl(o.endpoint, '/v1/sessions', o.site);
  try {
    const r = await conditionalGet(o.fetch, url, cached?.etag, o.timeoutMs ?? 15_000);
    if (!('body' in r)) {
      await saveCache(o.state, CHECKED, { etag: cached!.etag, at: o.now() });
      return cached!.index;
    }
    const index = fromSessionIndexPayload(r.body);
    await saveCache(o.state, KEY, { etag: r.etag, fetchedAt: o.now(), payload: r.body } satisfies CachedSessionIndex);
    return index;
  } catch (err) {
    if (typeof console !== 'undefined') console.warn(`[affinity] could not load the session index from ${url}: ${(err as Error)?.message ?? err}`);
    return cached?.index ?? null;
  }
}

import { learnedParts } from '../recommend/learned/parse';
import { yieldToPage } from '../scheduling/yield-to-page';
import { packModel, unpackModel, type PackedModel } from './packed-model';
import { conditionalGet, saveCache, siteUrl } from './revalidate';
import type { KeyValueStore, ModelPayload, Neighbour, Scored } from '../types';

/** What is kept in `affinity.state` between pages so the model is not downloaded again. */
export interface CachedModel {
  etag?: string;
  fetchedAt: number;
  /** The model, packed for a cheap read back (see `packed-model.ts`). */
  packed: PackedModel;
}

/** Options of {@link fetchModel}. */
export interface FetchModelOptions {
  endpoint: string;
  site: string;
  state: KeyValueStore;
  fetch: typeof fetch;
  now: () => number;
  /** A cached model younger than this is used without asking the server. Default 10 minutes. */
  maxAgeMs?: number;
  timeoutMs?: number;
}

const KEY = 'model';

/**
 * Loads the server's model: the cached copy when fresh, else `GET {endpoint}/v1/model?site=…`
 * with `If-None-Match`, so an unchanged model costs a 304. Returns `null` when there is neither
 * a usable response nor a cache (strategies then work from the catalog and the shopper's events).
 * Never throws.
 *
 * @example
 * const model = await fetchModel({ endpoint, site: 'shop', state: affinity.state, fetch, now: Date.now });
 */
export async function fetchModel(o: FetchModelOptions): Promise<ModelPayload | null> {
  let cached: (CachedModel & { model: ModelPayload }) | undefined;
  try {
    const raw = await o.state.get<CachedModel>(KEY);
    // Reading the stored model was this task's work already; checking it is the next one's.
    await yieldToPage();
    // A model stored by an older version of the SDK does not unpack: it is fetched again.
    const model = raw && unpackModel(raw.packed, parseModel);
    if (raw && model && typeof raw.fetchedAt === 'number') cached = { etag: typeof raw.etag === 'string' ? raw.etag : undefined, fetchedAt: raw.fetchedAt, packed: raw.packed, model };
  } catch {
    // an unreadable cache is the same as none
  }
  if (cached && o.now() - cached.fetchedAt < (o.maxAgeMs ?? 600_000)) return cached.model;
  const url = siteUrl(o.endpoint, '/v1/model', o.site);
  try {
    const r = await conditionalGet(o.fetch, url, cached?.etag, o.timeoutMs ?? 10_000);
    if (!('body' in r)) {
      const { etag, packed, model } = cached!;
      await saveCache(o.state, KEY, { etag, packed, fetchedAt: o.now() } satisfies CachedModel);
      return model;
    }
    await yieldToPage();
    const model = parseModel(r.body);
    if (!model) throw new Error('the response is not a model payload (expected { version, popular, alsoViewed, … })');
    // Packing walks every list once: a task of its own per list, like the check above.
    await yieldToPage();
    const packed = await packModel(model, yieldToPage);
    await saveCache(o.state, KEY, { etag: r.etag ?? model.version, fetchedAt: o.now(), packed } satisfies CachedModel);
    return model;
  } catch (err) {
    if (typeof console !== 'undefined') console.warn(`[affinity] could not load the model from ${url}: ${(err as Error)?.message ?? err}`);
    return cached?.model ?? null;
  }
}

/**
 * Keeps only well-formed parts of an untrusted model payload; `undefined` when it is not a model
 * at all. Malformed rows are dropped, not thrown, so one bad list never loses the rest.
 *
 * @example
 * parseModel(await res.json())?.popular[0]; // ['sku-1', 12.5]
 */
export function parseModel(raw: unknown): ModelPayload | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.version !== 'string') return undefined;
  const t = (r.totals ?? {}) as Record<string, unknown>;
  return {
    version: r.version,
    generatedAt: num(r.generatedAt),
    halfLifeDays: num(r.halfLifeDays) || 30,
    totals: { sessions: num(t.sessions), carts: num(t.carts), orders: num(t.orders) },
    alsoViewed: neighbours(r.alsoViewed),
    boughtTogether: neighbours(r.boughtTogether),
    cartedTogether: neighbours(r.cartedTogether),
    next: record(r.next, scored),
    popular: scored(r.popular),
    trending: scored(r.trending),
    popularByCategory: record(r.popularByCategory, scored),
    ...learnedParts(r),
  };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function scored(v: unknown): Scored[] {
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is Scored => Array.isArray(x) && typeof x[0] === 'string' && isNum(x[1]));
}

function neighbours(v: unknown): Record<string, Neighbour[]> {
  return record(v, (list) =>
    Array.isArray(list) ? list.filter((x): x is Neighbour => Array.isArray(x) && typeof x[0] === 'string' && isNum(x[1]) && isNum(x[2]) && isNum(x[3])) : [],
  );
}

function record<T>(v: unknown, each: (x: unknown) => T): Record<string, T> {
  const out: Record<string, T> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const k of Object.keys(v)) out[k] = each((v as Record<string, unknown>)[k]);
  return out;
}

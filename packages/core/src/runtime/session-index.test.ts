import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSessionIndex, toSessionIndexPayload } from '../recommend/next/session-index';
import { connectRecommendations } from '../recommend/connect-recommendations';
import type { CatalogView } from '../recommend/types';
import { memoryKeyValue } from '../storage/key-value';
import type { KeyValueStore, Product } from '../types';
import { fetchSessionIndex } from './session-index';

const ENDPOINT = 'http://api.test';
const PAYLOAD = toSessionIndexPayload(
  buildSessionIndex([
    { items: ['tent', 'stove', 'gas'], end: 1_000 },
    { items: ['tent', 'stove', 'gas'], end: 2_000 },
    { items: ['shoe', 'sock'], end: 3_000 },
  ]),
);

/** What the fake server saw, and what it answers next. */
const seen: { url: string; ifNoneMatch: string | null }[] = [];
let answer: () => Response = () => HttpResponse.json(PAYLOAD, { headers: { etag: '"v1"' } });
const server = setupServer(
  http.get(`${ENDPOINT}/v1/sessions`, ({ request }) => {
    seen.push({ url: request.url, ifNoneMatch: request.headers.get('if-none-match') });
    if (request.headers.get('if-none-match') === '"v1"') return new HttpResponse(null, { status: 304 });
    return answer();
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
let state: KeyValueStore;
let clock: number;
beforeEach(() => {
  seen.length = 0;
  answer = () => HttpResponse.json(PAYLOAD, { headers: { etag: '"v1"' } });
  state = memoryKeyValue();
  clock = 1_000_000;
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const load = () => fetchSessionIndex({ endpoint: `${ENDPOINT}/`, site: 'my shop', state, fetch, now: () => clock });

describe('fetchSessionIndex', () => {
  it('downloads the index once, then serves it from the store until it is ten minutes old', async () => {
    const index = await load();
    expect(index?.items).toEqual(['tent', 'stove', 'gas', 'shoe', 'sock']);
    expect(seen).toEqual([{ url: `${ENDPOINT}/v1/sessions?site=my%20shop`, ifNoneMatch: null }]);
    clock += 9 * 60_000;
    expect((await load())?.items).toEqual(index?.items);
    expect(seen).toHaveLength(1);
  });

  it('revalidates a stale copy with its ETag: a 304 keeps it and restarts the ten minutes', async () => {
    await load();
    clock += 11 * 60_000;
    const revalidated = await load();
    expect(seen[1]).toMatchObject({ ifNoneMatch: '"v1"' });
    expect(revalidated?.ends.length).toBe(3);
    clock += 5 * 60_000;
    await load();
    expect(seen).toHaveLength(2);
  });

  it('rejects a malformed answer without throwing, keeping a stale copy when it has one', async () => {
    answer = () => HttpResponse.json({ v: 1, items: ['a'], sessions: [[0, 7]], ends: [1] });
    expect(await load()).toBeNull();
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/session index.*out of range/));

    answer = () => HttpResponse.json(PAYLOAD, { headers: { etag: '"v2"' } });
    await load();
    clock += 11 * 60_000;
    answer = () => new HttpResponse('oops', { status: 500 });
    expect((await load())?.items).toContain('sock');
    answer = () => HttpResponse.error();
    expect((await load())?.items).toContain('sock');
  });

  it('ignores a tampered store and fetches again', async () => {
    await state.set('sessions', { fetchedAt: clock, etag: '"v1"', payload: { v: 1, items: [1], sessions: [], ends: [] } });
    expect((await load())?.items).toContain('tent');
    // Sent without If-None-Match: the stored copy was not usable, so a 304 would leave nothing.
    expect(seen).toEqual([expect.objectContaining({ ifNoneMatch: null })]);
  });

  it('feeds the next strategy of connectRecommendations: the served sessions decide what comes next', async () => {
    const products: Product[] = ['tent', 'stove', 'gas', 'shoe', 'sock', 'cap'].map((id) => ({ id, title: id }));
    const catalog: CatalogView = { get: (id) => products.find((p) => p.id === id), all: () => products };
    // The model alone would say "cap"; the sessions shoppers actually had say "gas".
    const model = { version: 'm', generatedAt: 0, halfLifeDays: 14, totals: { sessions: 1, carts: 0, orders: 0 }, alsoViewed: {}, boughtTogether: {}, cartedTogether: {}, next: { stove: [['cap', 5]] as [string, number][] }, popular: [], trending: [], popularByCategory: {} };
    const without = connectRecommendations({ strategy: 'next', limit: 1, context: { catalog, model, anchor: 'stove', viewed: ['tent'] } });
    const withIndex = connectRecommendations({ strategy: 'next', limit: 1, context: { catalog, model, sessionIndex: (await load())!, anchor: 'stove', viewed: ['tent'] } });
    const stops = [without.listen(() => {}), withIndex.listen(() => {})];
    expect(without.get().items.map((r) => r.product.id)).toEqual(['cap']);
    expect(withIndex.get().items.map((r) => r.product.id)).toEqual(['gas']);
    stops.forEach((stop) => stop());
  });
});

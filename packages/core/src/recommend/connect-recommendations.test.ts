import { atom } from 'nanostores';
import { describe, expect, it } from 'vitest';
import type { AffinityEvent } from '../types';
import { connectRecommendations } from './connect-recommendations';
import { contextFromEvents } from './context-from-events';
import { catalogOf, model } from './test-fixtures';
import type { RecommendContext, RecommendEventSource, RecommendationsState } from './types';

let seq = 0;
const ev = (type: AffinityEvent['type'], item: string, session = 's1'): AffinityEvent => ({
  id: `e${String(seq++).padStart(4, '0')}`,
  type,
  ts: seq,
  visitor: 'v',
  session,
  channel: 'web',
  data: { items: [{ item_id: item }] },
});

function fakeSource(initial: AffinityEvent[]): RecommendEventSource & { emit(e: AffinityEvent): void } {
  const listeners = new Set<(e: AffinityEvent) => void>();
  return {
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    events: async () => initial,
    emit: (e) => listeners.forEach((l) => l(e)),
  };
}

const ids = (s: RecommendationsState) => s.items.map((r) => r.product.id);
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('connectRecommendations', () => {
  it('a view on this page changes the next output without a reload', async () => {
    const source = fakeSource([ev('view_item', 'shoe')]);
    const $recs = connectRecommendations({ strategy: 'also-viewed', limit: 2, context: { catalog: catalogOf(), model: model() }, events: source });
    const seen: string[][] = [];
    const stop = $recs.subscribe((s) => seen.push(ids(s)));
    await flush();
    expect(ids($recs.get())).toEqual(['sock', 'cap']);
    source.emit(ev('view_item', 'tent'));
    expect(ids($recs.get())[0]).toBe('tent2');
    expect(seen[seen.length - 1]![0]).toBe('tent2'); // subscribers were told
    stop();
  });

  it('hides what goes into the cart as it happens', async () => {
    const source = fakeSource([]);
    const $recs = connectRecommendations({ strategy: 'bought-together', limit: 3, context: { catalog: catalogOf(), model: model(), anchor: 'tent' }, events: source });
    const stop = $recs.listen(() => {});
    await flush();
    expect(ids($recs.get())[0]).toBe('pegs');
    source.emit(ev('add_to_cart', 'pegs'));
    expect(ids($recs.get())).not.toContain('pegs');
    stop();
  });

  it('is loading until the model arrives, then recomputes from the context store', () => {
    const $ctx = atom<RecommendContext>({ catalog: catalogOf(), model: undefined, anchor: 'tent' });
    const $recs = connectRecommendations({ strategy: 'bought-together', limit: 2, context: $ctx });
    const stop = $recs.listen(() => {});
    expect($recs.get().loading).toBe(true);
    // Meanwhile content-based fallbacks keep the widget from being empty.
    expect($recs.get().items.length).toBe(2);
    $ctx.set({ ...$ctx.get(), model: model() });
    expect($recs.get().loading).toBe(false);
    expect(ids($recs.get())[0]).toBe('pegs');
    stop();
  });

  it('never throws into the page, even when the catalog does', () => {
    const catalog = { get: () => { throw new Error('boom'); }, all: () => { throw new Error('boom'); } };
    const $recs = connectRecommendations({ strategy: 'popular', context: { catalog, model: model() } });
    expect(() => $recs.listen(() => {})).not.toThrow();
    expect($recs.get()).toEqual({ items: [], loading: false });
  });
});

describe('contextFromEvents', () => {
  it('keeps the latest session views, the live cart and purchases', () => {
    const ctx = contextFromEvents([
      ev('view_item', 'old', 's0'),
      ev('view_item', 'a'),
      ev('view_item', 'b'),
      ev('view_item', 'a'),
      ev('add_to_cart', 'a'),
      ev('add_to_cart', 'b'),
      ev('remove_from_cart', 'b'),
      ev('purchase', 'a'),
      ev('add_to_cart', 'c'),
    ]);
    expect(ctx).toEqual({ viewed: ['b', 'a'], cart: ['c'], bought: ['a'] });
  });
});

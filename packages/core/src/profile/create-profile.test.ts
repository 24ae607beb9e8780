import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCatalog } from '../catalog/catalog';
import { topAffinities } from './affinities';
import { buildProfile } from './build-profile';
import { createProfile } from './create-profile';
import { PROFILE_VERSION, type Profile } from './types';
import { DAY, T0, ev, item, memorySource } from './test-support';

const RUN = ['Shoes', 'Running'];
const view = (id: string, ts: number, path = RUN, session = 's1') => ev('view_item', ts, { items: [item(id, `Shoe ${id}`, path, 100, { item_brand: 'Nike' })] }, session);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('createProfile', () => {
  it('rebuilds from the log when there is no snapshot, then saves one (debounced)', async () => {
    const source = memorySource([view('a', T0 - 2000), view('b', T0 - 1000)]);
    const store = createProfile(source, { persistDelayMs: 500 });
    await store.ready;
    expect(store.$profile.get().counts.views).toBe(2);
    expect(source.kv.has('profile')).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect((source.kv.get('profile') as Profile).counts.views).toBe(2);
  });

  it('applies new events incrementally and updates $profile and $segments', async () => {
    const source = memorySource();
    const store = createProfile(source, { segments: { runners: { field: 'affinity.category.Shoes > Running', op: 'gte', value: 0.5 } } });
    await store.ready;
    const seen: string[][] = [];
    store.$segments.subscribe((s) => seen.push([...s]));
    source.emit(view('a', T0));
    expect(store.$profile.get().counts.views).toBe(1);
    expect(store.$segments.get()).toEqual(['runners']);
    expect(seen).toEqual([[], ['runners']]);
  });

  it('loads the snapshot on the next page and only applies the tail of the log', async () => {
    const source = memorySource([view('a', T0)]);
    const first = createProfile(source);
    await first.ready;
    source.emit(view('b', T0 + 1000));
    await first.destroy();
    // Events captured after the snapshot was written (e.g. the tab closed before the debounce).
    source.log.push(view('c', T0 + 2000));
    const snapshot = source.kv.get('profile') as Profile;
    // Poison the head of the log: if the next page replayed it, the count would show.
    source.log.unshift(view('zzz', T0 - DAY));
    const second = createProfile(source);
    await second.ready;
    expect(snapshot.counts.views).toBe(2);
    expect(second.$profile.get().counts.views).toBe(3);
    expect(Object.keys(second.$profile.get().items).sort()).toEqual(['a', 'b', 'c']);
  });

  it('rebuilds when the snapshot is from an older version or another half-life', async () => {
    const source = memorySource([view('a', T0), view('b', T0 + 1)]);
    await source.state.set('profile', { ...buildProfile([view('x', T0)]), version: PROFILE_VERSION - 1 });
    const store = createProfile(source);
    await store.ready;
    expect(Object.keys(store.$profile.get().items).sort()).toEqual(['a', 'b']);

    await store.flush();
    const other = createProfile(source, { halfLifeDays: 7 });
    await other.ready;
    expect(other.$profile.get().halfLifeDays).toBe(7);
    expect(other.$profile.get().counts.views).toBe(2);
  });

  it('does not count an event twice when it arrives both live and from the log', async () => {
    const e = view('a', T0);
    const source = memorySource();
    source.log.push(e);
    const store = createProfile(source);
    store.apply(e); // while loading
    await store.ready;
    store.apply(e);
    expect(store.$profile.get().counts.views).toBe(1);
  });

  it('reset() clears the profile and the next page does not bring it back from the log', async () => {
    const source = memorySource([view('a', T0), view('b', T0 + 1)]);
    const store = createProfile(source);
    await store.ready;
    vi.setSystemTime(T0 + 10);
    await store.reset();
    expect(store.$profile.get().counts.views).toBe(0);
    const again = createProfile(source);
    await again.ready;
    expect(again.$profile.get().counts.views).toBe(0);
    source.emit(view('c', T0 + 20));
    expect(again.$profile.get().counts.views).toBe(1);
  });

  it('teaches a catalog the products live events carry, and uses it to enrich items', async () => {
    const catalog = createCatalog([{ id: 'a', tags: ['trail'] }]);
    const source = memorySource();
    const store = createProfile(source, { catalog });
    await store.ready;
    source.emit(view('a', T0));
    expect(catalog.get('a')).toMatchObject({ id: 'a', title: 'Shoe a', brand: 'Nike', category: RUN, tags: ['trail'] });
    expect(Object.keys(store.$profile.get().affinities.tag)).toEqual(['trail']);
  });

  it('rebuilds a long log in slices, yielding to the page between them', async () => {
    const source = memorySource(Array.from({ length: 1200 }, (_, i) => view(`i${i % 40}`, T0 - 2000 + i)));
    const store = createProfile(source);
    let settled = false;
    void store.ready.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false); // still rebuilding: the page got the main thread back
    await vi.runAllTimersAsync();
    await store.ready;
    expect(store.$profile.get().counts.views).toBe(1200);
  });

  it('applies events captured while the stored profile was still loading, once each', async () => {
    const source = memorySource([view('a', T0 - 2000)]);
    const store = createProfile(source);
    source.emit(view('b', T0 - 500));
    source.emit(view('c', T0));
    await store.ready;
    expect(store.$profile.get().counts.views).toBe(3);
  });

  it('keeps working in memory when storage fails', async () => {
    const source = memorySource([view('a', T0)]);
    source.state.get = () => Promise.reject(new Error('QuotaExceeded'));
    source.state.set = () => Promise.reject(new Error('QuotaExceeded'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = createProfile(source);
    await store.ready;
    source.emit(view('b', T0 + 1));
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.$profile.get().counts.views).toBe(1);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('decays interests over simulated weeks (fake clock)', async () => {
    const source = memorySource();
    const store = createProfile(source, { halfLifeDays: 7 });
    await store.ready;
    source.emit(view('a', Date.now()));
    for (let week = 1; week <= 3; week++) {
      vi.setSystemTime(T0 + week * 7 * DAY);
      source.emit(view(`h${week}`, Date.now(), ['Shoes', 'Hiking'], `s${week}`));
    }
    const now = Date.now();
    const scores = Object.fromEntries(topAffinities(store.$profile.get(), 'category', now));
    expect(scores['Shoes > Running']).toBeCloseTo(1 / 8);
    expect(scores['Shoes > Hiking']).toBeCloseTo(1 + 0.5 + 0.25);
    store.refresh();
    expect(store.$profile.get().lifecycle).toBe('engaged_browser');
    vi.setSystemTime(now + 31 * DAY);
    store.refresh();
    expect(store.$profile.get().lifecycle).toBe('dormant');
  });
});

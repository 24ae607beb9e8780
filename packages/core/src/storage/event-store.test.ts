import { createStore, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { memoryEventStore, type EventStore } from './event-store';
import { idbEventStore, LIST_PAGE } from './idb-event-store';
import { eventAt } from './test-events';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;
let db = 0;

describe.each([
  ['memory', () => memoryEventStore()],
  ['indexeddb', () => idbEventStore(`test-events-${++db}`, () => {})],
] as [string, () => EventStore][])('%s event store', (_, make) => {
  it('lists events oldest first whatever the insertion order, with a limit', async () => {
    const store = make();
    const [a, b, c] = [eventAt(T0), eventAt(T0 + 1), eventAt(T0 + 2)];
    await store.add([c, a]);
    await store.add([b]);
    expect(await store.list()).toEqual([a, b, c]);
    expect(await store.list(2)).toEqual([a, b]);
    expect(await store.list(undefined, b.id)).toEqual([b, c]);
    expect(await store.list(1, b.id.slice(0, 10))).toEqual([b]);
    expect(await store.count()).toBe(3);
  });

  it('adds idempotently by id and removes by id', async () => {
    const store = make();
    const [a, b] = [eventAt(T0), eventAt(T0 + 1)];
    await store.add([a, b, a]);
    await store.remove([a.id, 'not-there']);
    expect(await store.list()).toEqual([b]);
    await store.clear();
    expect(await store.count()).toBe(0);
  });

  it('prunes events older than the age bound, then the oldest beyond the count bound', async () => {
    const store = make();
    const old = [eventAt(T0 - 100 * DAY), eventAt(T0 - 91 * DAY)];
    const recent = Array.from({ length: 5 }, (_, i) => eventAt(T0 - 10 * DAY + i));
    await store.add([...old, ...recent]);
    await store.prune(100, T0 - 90 * DAY);
    expect(await store.list()).toEqual(recent);
    await store.prune(3, T0 - 90 * DAY);
    expect(await store.list()).toEqual(recent.slice(2));
  });
});

describe('idbEventStore corrupt records', () => {
  it('skips, counts and deletes unreadable records instead of crashing', async () => {
    const name = 'test-corrupt';
    const corrupt: number[] = [];
    const store = idbEventStore(name, (n) => corrupt.push(n));
    const good = [eventAt(T0), eventAt(T0 + 5)];
    await store.add(good);
    const raw = createStore(name, 'events');
    await set(eventAt(T0 + 1).id, { id: 'garbage' }, raw);
    await set(eventAt(T0 + 2).id, 'not even an object', raw);
    const wrongKey = eventAt(T0 + 3);
    await set(eventAt(T0 + 4).id, wrongKey, raw);
    expect(await store.list()).toEqual(good);
    expect(corrupt).toEqual([3]);
    expect(await store.count()).toBe(2);
  });
});

describe('idbEventStore paged reads', () => {
  it('reads the log a page at a time, in key order, with the same limit and corrupt handling', async () => {
    const name = 'test-paged';
    const corrupt: number[] = [];
    const store = idbEventStore(name, (n) => corrupt.push(n));
    const good = Array.from({ length: LIST_PAGE * 2 + 3 }, (_, i) => eventAt(T0 + i * 10));
    await store.add(good.slice().reverse());
    expect(await store.list()).toEqual(good);
    expect(await store.list(LIST_PAGE + 1)).toEqual(good.slice(0, LIST_PAGE + 1));
    expect(await store.list(LIST_PAGE * 2)).toEqual(good.slice(0, LIST_PAGE * 2));
    expect(await store.list(undefined, good[LIST_PAGE - 1]!.id)).toEqual(good.slice(LIST_PAGE - 1));
    // Unreadable records in two pages: all reported in one count.
    const raw = createStore(name, 'events');
    await set(eventAt(T0 + 1).id, 'garbage', raw);
    await set(eventAt(T0 + LIST_PAGE * 10 + 1).id, { id: 'garbage' }, raw);
    expect(await store.list()).toEqual(good);
    expect(corrupt).toEqual([2]);
  });
});

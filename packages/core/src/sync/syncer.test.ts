import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryEventStore, type EventStore } from '../storage/event-store';
import type { AffinityEvent } from '../types';
import { ulid } from '../capture/ulid';
import { createSyncer } from './syncer';

const event = (i: number): AffinityEvent => ({ id: ulid(), type: 'page_view', ts: 1_700_000_000_000 + i, visitor: 'v', session: 's', channel: 'web', data: {} });

/** A fetch that acknowledges every batch and records how many events each carried. */
function acknowledging() {
  const sizes: number[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const n = (JSON.parse(String(init.body)) as { events: unknown[] }).events.length;
    sizes.push(n);
    return new Response(JSON.stringify({ accepted: n, duplicates: 0, rejected: [] }), { status: 202 });
  });
  return { sizes, fetch: fetch as unknown as typeof globalThis.fetch };
}

afterEach(() => vi.useRealTimers());

describe('createSyncer', () => {
  it('empties a large outbox batch after batch in one flush', async () => {
    const store = memoryEventStore();
    await store.add(Array.from({ length: 1001 }, (_, i) => event(i)));
    // Counts reads of the outbox: each is an IndexedDB transaction in a browser.
    let reads = 0;
    const outbox: EventStore = { ...store, list: (limit) => (reads++, store.list(limit)) };
    const { sizes, fetch } = acknowledging();
    const s = createSyncer({ site: 'shop', endpoint: 'http://api', outbox: () => outbox, fetch: () => fetch, now: Date.now, maxEvents: 50, intervalMs: 60_000, timeoutMs: 1000 });
    s.start();
    await s.flush();
    expect(sizes).toEqual([...Array<number>(20).fill(50), 1]);
    expect(reads).toBe(4); // 500 + 500 + 1 + the empty read that ends the run, not one per request
    expect(await outbox.count()).toBe(0);
    expect(s.$sync.get()).toMatchObject({ sent: 1001, pending: 0 });
    s.stop();
  });

  it('stops instead of resending when acknowledged events are not deleted, and looks again after the interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const inner = memoryEventStore();
    await inner.add([event(0), event(1)]);
    // Storage that fails to delete: the same events stay at the head of the outbox.
    const stuck: EventStore = { ...inner, remove: async () => {} };
    const { sizes, fetch } = acknowledging();
    const s = createSyncer({ site: 'shop', endpoint: 'http://api', outbox: () => stuck, fetch: () => fetch, now: Date.now, maxEvents: 50, intervalMs: 5000, timeoutMs: 1000 });
    s.start();
    await s.flush();
    expect(sizes).toEqual([2]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sizes).toEqual([2, 2]);
    s.stop();
  });
});

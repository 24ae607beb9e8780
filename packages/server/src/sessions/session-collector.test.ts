import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../storage/storage';
import { createSessionCollector } from './session-collector';

let n = 0;
const ev = (session: string, type: string, ts: number, ...items: string[]): ModelEvent => ({
  id: `e${String(++n).padStart(4, '0')}`,
  type,
  ts,
  session,
  data: { items: items.map((item_id) => ({ item_id })) },
});

describe('createSessionCollector', () => {
  it('orders each session by time whatever the scan order, and one visit to a product is one step', async () => {
    const c = createSessionCollector();
    c.add([ev('s', 'view_item', 3_000, 'boot'), ev('s', 'select_item', 1_000, 'tent')]);
    c.add([ev('s', 'view_item', 2_000, 'tent'), ev('s', 'add_to_cart', 2_500, 'tent'), ev('s', 'view_item', 4_000, 'tent')]);
    // Coming back to the tent after the boot is a real step; list click + page view + cart of it is not.
    expect(await c.finish()).toEqual([{ items: ['tent', 'boot', 'tent'], end: 0 }]);
  });

  it('skips purchases, malformed items and sessions too short to have a next step', async () => {
    const c = createSessionCollector({ endResolutionMs: 1 });
    c.add([
      ev('a', 'view_item', 10, 'x'),
      ev('a', 'purchase', 20, 'y', 'z'),
      ev('b', 'view_item', 10, 'p'),
      ev('b', 'view_item', 20, ''),
      { ...ev('b', 'view_item', 30), data: { items: [null as never, { item_id: 7 as never }] } },
      ev('b', 'page_view', 40, 'q'),
      ev('b', 'view_item', 50, 'r'),
    ]);
    expect(await c.finish()).toEqual([{ items: ['p', 'r'], end: 50 }]);
  });

  it('keeps the tail of very long sessions, rounds ends, and orders sessions by when they ended', async () => {
    const c = createSessionCollector({ maxSessionLength: 3, endResolutionMs: 1000 });
    const long = Array.from({ length: 10 }, (_, i) => ev('crawler', 'view_item', 5_000 + i, `p${i}`));
    c.add([...long, ev('early', 'view_item', 100, 'a'), ev('early', 'view_item', 1_900, 'b')]);
    expect(await c.finish()).toEqual([
      { items: ['a', 'b'], end: 1_000 },
      { items: ['p7', 'p8', 'p9'], end: 5_000 },
    ]);
  });

  it('keeps only the most recent sessions, breaking ties at the cut-off by session id', async () => {
    const c = createSessionCollector({ endResolutionMs: 1 });
    c.add([
      ...['old', 'tieB', 'tieA'].flatMap((s, i) => [ev(s, 'view_item', 10, 'x'), ev(s, 'view_item', i === 0 ? 20 : 30, 'y')]),
      ev('newest', 'view_item', 35, 'a'),
      ev('newest', 'view_item', 40, 'b'),
    ]);
    const kept = await c.finish(2);
    expect(kept).toEqual([
      { items: ['x', 'y'], end: 30 },
      { items: ['a', 'b'], end: 40 },
    ]);
    // The same events in another scan order keep the same sessions (tieB sorts after tieA).
    const again = createSessionCollector({ endResolutionMs: 1 });
    again.add([ev('tieB', 'view_item', 30, 'q'), ev('tieB', 'view_item', 10, 'p'), ev('tieA', 'view_item', 10, 'x'), ev('tieA', 'view_item', 30, 'y')]);
    expect(await again.finish(1)).toEqual([{ items: ['p', 'q'], end: 30 }]);
  });
});

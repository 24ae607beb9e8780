import { describe, expect, it } from 'vitest';
import type { EventData, EventType } from '../types';
import { createListEvents, createPromotionEvents } from './list-events';

function recorder() {
  const sent: Array<{ type: EventType; data: EventData }> = [];
  const track = ((type: EventType, data: EventData = {}) => (sent.push({ type, data }), undefined)) as never;
  return { sent, track };
}

describe('createListEvents', () => {
  it('reports each item once per list, with list id, position and strategy', () => {
    const { sent, track } = recorder();
    const list = createListEvents(track, { listId: 'pdp-related', strategy: 'related' });
    list.seen([{ product: { id: 'a', title: 'A' }, index: 0 }, { product: { id: 'b' }, index: 1 }]);
    list.seen([{ product: { id: 'a' }, index: 0 }, { product: { id: 'c' }, index: 2 }]);
    list.seen([{ product: { id: 'c' }, index: 2 }]);
    expect(sent.map((e) => [e.type, e.data.items!.map((i) => `${i.item_id}@${i.index}`)])).toEqual([
      ['view_item_list', ['a@0', 'b@1']],
      ['view_item_list', ['c@2']],
    ]);
    expect(sent[0]!.data).toMatchObject({ item_list_id: 'pdp-related', strategy: 'related' });
    list.select({ id: 'b', title: 'B', price: 5 }, 1);
    expect(sent[2]).toEqual({
      type: 'select_item',
      data: { item_list_id: 'pdp-related', strategy: 'related', items: [{ item_id: 'b', item_name: 'B', price: 5, item_list_id: 'pdp-related', index: 1 }] },
    });
  });
});

describe('createPromotionEvents', () => {
  it('reports a promotion view once and every selection', () => {
    const { sent, track } = recorder();
    const promos = createPromotionEvents(track);
    promos.seen({ id: 'welcome', name: '10% off', slot: 'af-coupon' });
    promos.seen({ id: 'welcome', name: '10% off', slot: 'af-coupon' });
    promos.select({ id: 'welcome', slot: 'af-coupon' });
    expect(sent).toEqual([
      { type: 'view_promotion', data: { promotion_id: 'welcome', promotion_name: '10% off', creative_slot: 'af-coupon' } },
      { type: 'select_promotion', data: { promotion_id: 'welcome', creative_slot: 'af-coupon' } },
    ]);
  });
});

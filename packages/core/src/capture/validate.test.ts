import { describe, expect, it } from 'vitest';
import { checkEvent, copyEventData, eventError, isStoredEvent } from './validate';

describe('checkEvent', () => {
  it('accepts GA4 events and copies their data', () => {
    const data = { items: [{ item_id: 'sku-1', price: 12.5, quantity: 2 }], value: 25, currency: 'EUR', on_sale: true };
    const out = checkEvent('add_to_cart', data);
    expect(out).toEqual(data);
    data.items[0]!.price = 99;
    data.value = 0;
    expect(out).toEqual({ items: [{ item_id: 'sku-1', price: 12.5, quantity: 2 }], value: 25, currency: 'EUR', on_sale: true });
  });

  it('treats missing data as empty', () => {
    expect(checkEvent('page_view', undefined)).toEqual({});
  });

  it.each([
    ['add_to_kart', {}, 'unknown event type'],
    [42, {}, 'unknown event type'],
    ['view_item', 'sku-1', 'data must be a plain object'],
    ['view_item', [], 'data must be a plain object'],
    ['view_item', { items: 'sku-1' }, 'data.items must be an array'],
    ['view_item', { items: [{ price: 1 }] }, 'data.items[0].item_id must be a non-empty string'],
    ['view_item', { items: [{ item_id: 'a' }, { item_id: 7 }] }, 'data.items[1].item_id must be a non-empty string'],
    ['view_item', { items: [null] }, 'data.items[0] must be an object'],
    ['view_item', { items: [{ item_id: 'a', price: Number.NaN }] }, 'data.items[0].price must be a finite number, got NaN'],
    ['view_item', { items: [{ item_id: 'a', price: '12' }] }, 'data.items[0].price must be a finite number, got string'],
    ['purchase', { value: Infinity }, 'data.value must be a finite number'],
    ['purchase', { transaction_id: 123 }, 'data.transaction_id must be a string, got number'],
    ['search', { search_term: 'x'.repeat(1001) }, 'data.search_term must be a string, got 1001 characters (at most 1000)'],
    ['view_item', { extra: { nested: 1 } }, 'data.extra must be a string, finite number or boolean, got object'],
    ['view_item', { extra: null }, 'got null'],
    ['view_item', { toString: true }, undefined],
  ])('track(%j, %j) → %s', (type, data, message) => {
    const out = checkEvent(type, data);
    if (message === undefined) expect(typeof out).toBe('object');
    else expect(out).toContain(message);
  });

  it('prefixes errors with the call', () => {
    expect(checkEvent('view_item', { items: [{}] })).toMatch(/^track\("view_item"\): data\.items\[0\]\.item_id/);
  });

  it('rejects more than 200 items', () => {
    const items = Array.from({ length: 201 }, (_, i) => ({ item_id: `sku-${i}` }));
    expect(checkEvent('view_item_list', { items })).toContain('more than 200 items');
  });
});

describe('isStoredEvent', () => {
  const good = { id: '01ARYZ6S41TSV4RRFFQ69G5FAV', type: 'view_item', ts: 1, visitor: 'v', session: 's', channel: 'web', data: {} };
  it('accepts a well-formed event and rejects corrupt shapes', () => {
    expect(isStoredEvent(good)).toBe(true);
    expect(isStoredEvent({ ...good, id: 'x' })).toBe(false);
    expect(isStoredEvent({ ...good, type: 'nope' })).toBe(false);
    expect(isStoredEvent({ ...good, ts: 'now' })).toBe(false);
    expect(isStoredEvent({ ...good, data: null })).toBe(false);
    expect(isStoredEvent('{"id":1}')).toBe(false);
  });
});

describe('copyEventData', () => {
  it('copies the data, the items list and each item; leaves what is not an item object for the check', () => {
    const item = { item_id: 'sku-1' };
    const data = { items: [item, 'sku-2', null], value: 3 };
    const out = copyEventData(data) as typeof data;
    expect(out).toEqual(data);
    expect(out).not.toBe(data);
    expect(out.items).not.toBe(data.items);
    expect(out.items[0]).not.toBe(item);
    data.items.length = 0;
    item.item_id = 'changed';
    expect(out.items).toEqual([{ item_id: 'sku-1' }, 'sku-2', null]);
    expect(eventError('view_item', out)).toBe('track("view_item"): data.items[1] must be an object with an item_id');
  });

  it('returns anything but a plain object as it is', () => {
    const list = [1];
    expect(copyEventData(list)).toBe(list);
    expect(copyEventData(null)).toBe(null);
    expect(copyEventData('x')).toBe('x');
  });
});

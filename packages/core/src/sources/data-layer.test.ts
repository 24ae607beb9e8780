import { describe, expect, it, vi } from 'vitest';
import { fromDataLayer, productToItem, watchDataLayer } from './data-layer';

describe('fromDataLayer', () => {
  it('reads GTM GA4 e-commerce pushes', () => {
    const e = fromDataLayer({
      event: 'add_to_cart',
      ecommerce: { currency: 'USD', value: 30, items: [{ item_id: 'S1', item_name: 'Sock', price: 15, quantity: 2, item_category: 'Apparel', item_category2: 'Socks' }] },
    });
    expect(e).toEqual({
      type: 'add_to_cart',
      data: { currency: 'USD', value: 30, items: [{ item_id: 'S1', item_name: 'Sock', price: 15, quantity: 2, item_category: 'Apparel', item_category2: 'Socks' }] },
    });
  });

  it('reads gtag calls, including the arguments object gtag really pushes', () => {
    function gtag(..._args: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    }
    const e = fromDataLayer(gtag('event', 'purchase', { transaction_id: 'T1', value: 99, items: [{ id: 'A', name: 'Alpha', price: 99 }] }));
    expect(e).toEqual({ type: 'purchase', data: { transaction_id: 'T1', value: 99, items: [{ item_id: 'A', item_name: 'Alpha', price: 99 }] } });
  });

  it('reads Universal Analytics enhanced e-commerce', () => {
    const e = fromDataLayer({ event: 'gtm.dom', ecommerce: { currencyCode: 'EUR', detail: { products: [{ id: 'P9', name: 'Nine', category: 'Home/Lamps', position: 3 }] } } });
    expect(e).toEqual({ type: 'view_item', data: { currency: 'EUR', items: [{ item_id: 'P9', item_name: 'Nine', index: 2, item_category: 'Home', item_category2: 'Lamps' }] } });
  });

  it('ignores resets, unknown events and items without ids', () => {
    expect(fromDataLayer({ ecommerce: null })).toBeUndefined();
    expect(fromDataLayer({ event: 'gtm.js' })).toBeUndefined();
    expect(fromDataLayer('view_item')).toBeUndefined();
    expect(fromDataLayer({ event: 'view_item', ecommerce: { items: [{ item_name: 'no id' }, { item_id: 7 }] } })!.data.items).toEqual([{ item_id: '7' }]);
  });
});

describe('watchDataLayer', () => {
  it('replays queued pushes, sees new ones, keeps the merchant push working and can stop', () => {
    const layer: unknown[] = [{ event: 'view_item', ecommerce: { items: [{ item_id: 'A' }] } }];
    const seen = vi.fn();
    const stop = watchDataLayer(layer, seen);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(layer.push({ event: 'search', search_term: 'boots' }, { event: 'other' })).toBe(3);
    expect(seen).toHaveBeenLastCalledWith({ type: 'search', data: { search_term: 'boots' } });
    expect(layer).toHaveLength(3);
    stop();
    layer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'B' }] } });
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('survives a hostile entry whose getter throws', () => {
    const seen = vi.fn();
    const layer: unknown[] = [];
    watchDataLayer(layer, seen);
    const evil = { get event(): string { throw new Error('boom'); } };
    expect(() => layer.push(evil)).not.toThrow();
    expect(layer).toHaveLength(1);
  });
});

describe('productToItem', () => {
  it('maps the category path and discount to GA4 fields', () => {
    expect(productToItem({ id: 'X', title: 'Shoe', brand: 'Peak', price: 80, listPrice: 100, category: ['Shoes', 'Running', 'Trail'] })).toEqual({
      item_id: 'X', item_name: 'Shoe', item_brand: 'Peak', price: 80, discount: 20, item_category: 'Shoes', item_category2: 'Running', item_category3: 'Trail',
    });
  });
});

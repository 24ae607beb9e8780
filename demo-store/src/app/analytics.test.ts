import { fromDataLayer } from '@affinity/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { trackCartChange, trackList, trackPurchase, trackSearch, trackView } from './analytics';
import type { StoreProduct } from './catalog';

const p: StoreProduct = { id: '22423', title: 'Regency Cakestand 3 Tier', url: '/product/22423', image: '/img/22423.svg', price: 12.75, currency: 'GBP', category: ['Kitchen', 'Tableware'], brand: 'Regency' };
const layer = () => (window as unknown as { dataLayer: unknown[] }).dataLayer;
/** What Affinity's data-layer reader makes of everything pushed so far. */
const captured = () => layer().map(fromDataLayer).filter(Boolean);

describe('GA4 dataLayer pushes', () => {
  beforeEach(() => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [];
  });

  it('clears the previous ecommerce object before each event, as GTM documents', () => {
    trackView(p);
    expect(layer()[0]).toEqual({ ecommerce: null });
    expect(layer()[1]).toMatchObject({ event: 'view_item', ecommerce: { currency: 'GBP', value: 12.75 } });
  });

  it('gives Affinity product views, list positions, cart changes and purchases with GA4 fields', () => {
    trackList('category:Kitchen', 'Kitchen', [[p, 0], [{ ...p, id: 'x' }, 1]]);
    trackView(p);
    trackCartChange(p, 2);
    trackCartChange(p, -1);
    trackPurchase('T-1', [{ product: p, quantity: 1 }], { value: 16.7, shipping: 3.95, tax: 2.78 }, 'WELCOME10');
    trackSearch('cake stand');
    expect(captured()).toEqual([
      { type: 'view_item_list', data: expect.objectContaining({ item_list_id: 'category:Kitchen', items: [expect.objectContaining({ item_id: '22423', index: 0 }), expect.objectContaining({ item_id: 'x', index: 1 })] }) },
      { type: 'view_item', data: expect.objectContaining({ items: [expect.objectContaining({ item_id: '22423', item_category: 'Kitchen', item_category2: 'Tableware', item_brand: 'Regency', price: 12.75 })] }) },
      { type: 'add_to_cart', data: expect.objectContaining({ value: 25.5, items: [expect.objectContaining({ quantity: 2 })] }) },
      { type: 'remove_from_cart', data: expect.objectContaining({ value: 12.75, items: [expect.objectContaining({ quantity: 1 })] }) },
      { type: 'purchase', data: expect.objectContaining({ transaction_id: 'T-1', value: 16.7, shipping: 3.95, coupon: 'WELCOME10', currency: 'GBP' }) },
      { type: 'search', data: { search_term: 'cake stand' } },
    ]);
  });

  it('does not push empty lists or zero cart changes', () => {
    trackList('x', 'X', []);
    trackCartChange(p, 0);
    expect(layer()).toEqual([]);
  });
});

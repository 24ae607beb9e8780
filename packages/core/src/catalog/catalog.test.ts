import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';

describe('createCatalog', () => {
  it('merges the same product from events, page data and the server', () => {
    const catalog = createCatalog();
    catalog.mergeItems([{ item_id: 'p1', item_name: 'Pegasus 40', item_category: 'Shoes', item_category2: 'Running', price: 120 }]);
    catalog.merge({ id: 'p1', rating: 4.6, ratingCount: 120, image: 'https://cdn.example/p1.jpg' });
    const page = catalog.mergePage([{ id: 'p1', brand: 'Nike', title: '' }, { nope: true }, { id: 'p2', title: 'Ghost 15' }]);
    expect(page).toEqual({ merged: 2, skipped: 1 });
    expect(catalog.get('p1')).toEqual({
      id: 'p1',
      title: 'Pegasus 40',
      category: ['Shoes', 'Running'],
      price: 120,
      rating: 4.6,
      ratingCount: 120,
      image: 'https://cdn.example/p1.jpg',
      brand: 'Nike',
    });
    expect(catalog.size).toBe(2);
  });

  it('bumps its version store on changes only', () => {
    const catalog = createCatalog([{ id: 'a' }]);
    const seen: number[] = [];
    catalog.$version.listen((v) => seen.push(v));
    catalog.mergeItems([]);
    catalog.mergeItems([{ item_id: '' }]);
    catalog.merge({ id: 'b' });
    expect(seen).toEqual([1]);
  });
});

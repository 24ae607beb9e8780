import { describe, expect, it } from 'vitest';
import { mergeProduct, sanitizeProduct } from './merge-product';

describe('mergeProduct', () => {
  it('fills gaps and updates values, but never overwrites with empty or malformed ones', () => {
    const base = { id: 'p1', title: 'Pegasus 40', price: 120, brand: 'Nike', category: ['Shoes', 'Running'], rating: 4.5 };
    const merged = mergeProduct(base, {
      id: 'p1',
      title: '  ',
      price: 99,
      brand: undefined,
      category: [],
      rating: 7,
      image: 'https://cdn.example/p1.jpg',
      listPrice: Number.NaN,
    });
    expect(merged).toEqual({ ...base, price: 99, image: 'https://cdn.example/p1.jpg' });
    expect(base.price).toBe(120); // the input is not mutated
  });

  it('adds new tags to known ones and upper-cases regions', () => {
    const merged = mergeProduct({ id: 'p', tags: ['road'] }, { id: 'p', tags: ['cushioned', 'road', ''], regions: ['fr', 'de'] });
    expect(merged.tags).toEqual(['road', 'cushioned']);
    expect(merged.regions).toEqual(['FR', 'DE']);
  });

  it('keeps a zero stock (out of stock) rather than treating it as empty', () => {
    expect(mergeProduct({ id: 'p', stock: 3 }, { id: 'p', stock: 0 }).stock).toBe(0);
  });
});

describe('sanitizeProduct', () => {
  it('accepts numeric ids and drops wrongly typed fields', () => {
    expect(sanitizeProduct({ id: 7, title: 'Mug', price: '12', tags: 'x', repeatable: 'yes' })).toEqual({ id: '7', title: 'Mug' });
  });

  it('rejects input without a usable id', () => {
    expect(sanitizeProduct({ title: 'No id' })).toBeUndefined();
    expect(sanitizeProduct(null)).toBeUndefined();
    expect(sanitizeProduct({ id: '   ' })).toBeUndefined();
  });
});

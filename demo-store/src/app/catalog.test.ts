import { describe, expect, it } from 'vitest';
import { findCategory, inCategory, indexCatalog, searchProducts, sortProducts } from './catalog';
import { slugify } from './slug';

const raw = [
  { id: '1', title: 'Red Retrospot Mug', price: 2.95, category: ['Kitchen', 'Mugs & Cups'], brand: 'Retrospot', tags: ['red', 'spots'], rating: 4.2 },
  { id: '2', title: 'White Hanging Heart T-Light Holder', price: 2.55, category: ['Home & Living', 'Candles & Lights'], brand: 'Essentials', tags: ['white', 'hearts'], rating: 4.9 },
  { id: '3', title: 'Regency Cakestand 3 Tier', price: 12.75, category: ['Kitchen', 'Tableware'], brand: 'Regency', rating: 3.9 },
  { id: '4', title: 'Retrospot Heart Hot Water Bottle', price: 4.95, category: ['Home & Living', 'Cushions & Textiles'], brand: 'Retrospot', tags: ['hearts'] },
  { id: 'bad', title: 42 },
  null,
];
const catalog = indexCatalog(raw);

describe('indexCatalog', () => {
  it('skips invalid rows and fills in URLs and images', () => {
    expect(catalog.products.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    expect(catalog.byId.get('2')).toMatchObject({ url: '/product/2', image: '/img/2.svg' });
    expect(indexCatalog({ not: 'an array' }).products).toEqual([]);
  });

  it('builds a two-level category tree with counts and slugs, largest first', () => {
    expect(catalog.tree.map((n) => [n.name, n.count, n.url])).toEqual([
      ['Kitchen', 2, '/c/kitchen'],
      ['Home & Living', 2, '/c/home-and-living'],
    ]);
    expect(findCategory(catalog, ['kitchen', 'tableware'])?.path).toEqual(['Kitchen', 'Tableware']);
    expect(findCategory(catalog, ['kitchen', 'nope'])).toBeUndefined();
    expect(inCategory(catalog, ['Kitchen']).map((p) => p.id)).toEqual(['1', '3']);
    expect(catalog.collections[0]).toEqual({ name: 'Retrospot', slug: 'retrospot', count: 2 });
  });
});

describe('searchProducts', () => {
  it('needs every word, matches word prefixes, ranks title hits first', () => {
    expect(searchProducts(catalog, 'retrospot heart').map((p) => p.id)).toEqual(['4']);
    expect(searchProducts(catalog, 'cand hold').map((p) => p.id)).toEqual(['2']);
    expect(searchProducts(catalog, 'hearts').map((p) => p.id)).toEqual(['2', '4']);
    expect(searchProducts(catalog, 'heart').map((p) => p.id)).toEqual(['2', '4']);
  });

  it('finds products by collection, category and tag, and nothing for blank queries', () => {
    expect(searchProducts(catalog, 'regency').map((p) => p.id)).toEqual(['3']);
    expect(searchProducts(catalog, 'tableware').map((p) => p.id)).toEqual(['3']);
    expect(searchProducts(catalog, 'red').map((p) => p.id)).toEqual(['1']);
    expect(searchProducts(catalog, '  ')).toEqual([]);
    expect(searchProducts(catalog, 'xylophone')).toEqual([]);
  });
});

describe('sortProducts', () => {
  it('sorts without touching the input; featured keeps the merchant order', () => {
    const list = catalog.products;
    expect(sortProducts(list, 'price-asc').map((p) => p.id)).toEqual(['2', '1', '4', '3']);
    expect(sortProducts(list, 'price-desc').map((p) => p.id)).toEqual(['3', '4', '1', '2']);
    expect(sortProducts(list, 'rating').map((p) => p.id)).toEqual(['2', '1', '3', '4']);
    expect(sortProducts(list, 'name').map((p) => p.id)).toEqual(['1', '3', '4', '2']);
    expect(sortProducts(list, 'featured').map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    expect(list.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
  });
});

describe('slugify', () => {
  it('makes readable URL parts', () => {
    expect(slugify('Candles & Lights')).toBe('candles-and-lights');
    expect(slugify("Poppy's Playhouse")).toBe('poppys-playhouse');
    expect(slugify("50's Retro")).toBe('50s-retro');
  });
});

import { parseJsonLd } from '@affinity/core';
import { describe, expect, it } from 'vitest';
import type { StoreProduct } from './catalog';
import { breadcrumbNode, itemListNode, productNode, setPageJsonLd } from './jsonld';

const p: StoreProduct = {
  id: '85123A',
  title: 'White Hanging Heart T-Light Holder',
  url: '/product/85123A',
  image: '/img/85123A.svg',
  price: 2.95,
  currency: 'GBP',
  category: ['Home & Living', 'Candles & Lights'],
  brand: 'Essentials',
  tags: ['white', 'hearts'],
  rating: 4.6,
  ratingCount: 33,
  stock: 0,
};

const texts = () => [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? '');

describe('page JSON-LD', () => {
  it('describes a product so that Affinity reads back the same product', () => {
    setPageJsonLd([productNode(p), breadcrumbNode([['Home', '/'], ['Home & Living', '/c/home-and-living']])]);
    const { products, errors } = parseJsonLd(texts());
    expect(errors).toEqual([]);
    expect(products).toEqual([
      expect.objectContaining({ id: '85123A', title: p.title, price: 2.95, currency: 'GBP', category: ['Home & Living', 'Candles & Lights'], brand: 'Essentials', rating: 4.6, ratingCount: 33, stock: 0, tags: ['white', 'hearts'] }),
    ]);
  });

  it('replaces the previous page on navigation, in one script element', () => {
    setPageJsonLd([productNode(p)]);
    setPageJsonLd([itemListNode('category:kitchen', 'Kitchen', [p, { ...p, id: 'x2', url: '/product/x2' }])]);
    expect(texts()).toHaveLength(1);
    const { products, lists } = parseJsonLd(texts());
    expect(products).toEqual([]);
    expect(lists).toEqual([expect.objectContaining({ id: 'category:kitchen', name: 'Kitchen' })]);
    expect(lists[0]!.items.map((i) => i.id)).toEqual(['85123A', 'x2']);
  });

  it('keeps product text as data: markup in a title cannot end the script', () => {
    setPageJsonLd([productNode({ ...p, title: '</script><img src=x onerror=alert(1)>' })]);
    const script = document.getElementById('page-jsonld')!;
    expect(script.children).toHaveLength(0);
    expect(script.textContent).not.toContain('</script>');
    expect(parseJsonLd(texts()).products[0]!.title).toBe('</script><img src=x onerror=alert(1)>');
  });
});

import { describe, expect, it } from 'vitest';
import { createCatalogAccumulator } from './aggregate';
import type { SaleLine } from './clean';
import { CATEGORY_RULES, FALLBACK_CATEGORY } from './categories';
import { escapeXml, objectFor, productSvg } from './image';

const line = (invoice: string, code: string, description: string, price: number, quantity = 1): SaleLine => ({
  invoice, code, description, price, quantity, ts: Date.UTC(2011, 0, 1), customer: '1', country: 'United Kingdom',
});

describe('createCatalogAccumulator', () => {
  const acc = createCatalogAccumulator();
  acc.add(line('1', '22423', 'REGENCY CAKESTAND 3 TIER', 12.75));
  acc.add(line('2', '22423', 'REGENCY CAKESTAND 3 TIER', 10.95));
  acc.add(line('3', '22423', 'REGENCY CAKE STAND 3 TIER', 12.75));
  acc.add(line('3', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', 2.55, 6));
  acc.add(line('3', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', 2.55, 6)); // listed twice on one invoice
  acc.add(line('4', '99999', 'ONE-OFF THING', 1));

  it('ranks by number of orders and keeps only the limit', () => {
    expect(acc.products({ limit: 2 }).map((p) => p.id)).toEqual(['22423', '85123A']);
    expect(acc.products({ limit: 2 })[1]!.popularity).toBe(1);
  });

  it('takes the most frequent description and the modal price', () => {
    const [stand] = acc.products({ limit: 1 });
    expect(stand).toMatchObject({
      title: 'Regency Cakestand 3 Tier',
      price: 12.75,
      currency: 'GBP',
      brand: 'Regency',
      category: ['Kitchen', 'Tableware'],
      url: '/product/22423',
      image: '/img/22423.svg',
    });
  });

  it('derives the same rating and stock on every build, within range', () => {
    const again = createCatalogAccumulator();
    again.add(line('1', '22423', 'REGENCY CAKESTAND 3 TIER', 12.75));
    const [a] = acc.products({ limit: 1 });
    const [b] = again.products({ limit: 1 });
    expect(b!.rating).toBe(a!.rating);
    expect(b!.stock).toBe(a!.stock);
    expect(a!.rating).toBeGreaterThanOrEqual(3.3);
    expect(a!.rating).toBeLessThanOrEqual(5);
  });
});

describe('productSvg', () => {
  it('escapes the only text it writes', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    const svg = productSvg({ id: 'x1', title: 'T', price: 1, category: ['Home & Living', 'Clocks'], brand: '</text><script>alert(1)</script>', popularity: 1 });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/TEXT&gt;&lt;SCRIPT&gt;');
  });

  it('draws different pictures for different products and the same for the same one', () => {
    const p = { id: '85123A', title: 'T', price: 1, category: ['Home & Living', 'Candles & Lights'], brand: 'Essentials', tags: ['white'], popularity: 1 };
    expect(productSvg(p)).toBe(productSvg({ ...p }));
    expect(productSvg(p)).not.toBe(productSvg({ ...p, id: '22423', category: ['Kitchen', 'Tableware'] }));
    expect(new DOMParser().parseFromString(productSvg(p), 'image/svg+xml').querySelector('parsererror')).toBeNull();
  });
});

describe('objectFor', () => {
  it('has a drawing for every category the rule table can produce', () => {
    const missing = [...CATEGORY_RULES.map((r) => r.path), FALLBACK_CATEGORY].filter((path) => !objectFor(path)).map((p) => p.join(' > '));
    expect(missing).toEqual([]);
  });
});

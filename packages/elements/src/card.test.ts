import { describe, expect, it } from 'vitest';
import { fillTemplate } from './card';
import { formatMoney, safeUrl } from './format';

const template = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t;
};

describe('fillTemplate', () => {
  it('fills text and attributes from the product, formatting money in the locale', () => {
    const frag = fillTemplate(
      template('<a data-attr="href:url title:title"><img data-attr="src:image alt:title"><b data-field="title"></b><i data-field="price"></i><s data-field="list-price"></s></a>'),
      { id: 'p1', title: 'Tent', url: '/p/1', image: 'https://cdn.test/1.jpg', price: 19.5, listPrice: 25, currency: 'EUR' },
      { locale: 'de-DE', currency: undefined },
    );
    const a = frag.querySelector('a')!;
    expect(a.getAttribute('href')).toMatch(/\/p\/1$/);
    expect(a.getAttribute('title')).toBe('Tent');
    expect(frag.querySelector('img')!.getAttribute('src')).toBe('https://cdn.test/1.jpg');
    expect(frag.querySelector('b')!.textContent).toBe('Tent');
    expect(frag.querySelector('i')!.textContent).toMatch(/19,50\s€/);
    expect(frag.querySelector('s')!.textContent).toMatch(/25,00\s€/);
  });

  it('never lets product data become markup, script URLs or event handlers', () => {
    const frag = fillTemplate(
      template('<a data-attr="href:url onclick:title href:title"><b data-field="title"></b></a>'),
      { id: 'x', title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' },
      { locale: 'en', currency: undefined },
    );
    const a = frag.querySelector('a')!;
    expect(a.querySelector('img')).toBeNull();
    expect(a.querySelector('b')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(a.hasAttribute('href')).toBe(false);
    expect(a.hasAttribute('onclick')).toBe(false);
  });
});

describe('formatMoney / safeUrl', () => {
  it('formats in the page locale and currency, and plain numbers without a currency', () => {
    expect(formatMoney(1234.5, 'en-US', 'USD')).toBe('$1,234.50');
    expect(formatMoney(3, 'en-US', undefined)).toBe('3');
    expect(formatMoney(undefined, 'en-US', 'USD')).toBe('');
    expect(formatMoney(5, 'en-US', 'not a currency')).toBe('5');
  });

  it('keeps http(s) and relative URLs only', () => {
    expect(safeUrl('https://shop.test/a')).toBe('https://shop.test/a');
    expect(safeUrl('/p/1')).toMatch(/^https?:\/\/.*\/p\/1$/);
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,<script>alert(1)</script>')).toBeUndefined();
  });
});

describe('promotion text', () => {
  it('describes discounts in plain words and survives malformed server data', async () => {
    const { discountText, countdownText } = await import('./promo-text');
    const { formatDate } = await import('./format');
    expect(discountText({ type: 'percent', value: 10, max: 20 }, 'en-GB', 'EUR')).toBe('10% off (up to €20.00)');
    expect(discountText({ type: 'tiers', tiers: [{ min: 50, off: 5 }, { min: 100, off: 15 }] }, 'en-GB', 'EUR')).toBe('€5.00 off €50.00 · €15.00 off €100.00');
    expect(discountText({ type: 'free_shipping' }, 'en', undefined)).toBe('Free shipping');
    expect(discountText(undefined as never, 'en', undefined)).toBe('');
    expect(discountText({ type: 'tiers', tiers: 'x' } as never, 'en', undefined)).toBe('');
    expect(formatDate(undefined as never, 'en')).toBe('');
    expect(countdownText(3_723_000)).toBe('01:02:03');
    expect(countdownText(59_000)).toBe('00:59');
    expect(countdownText(2 * 86_400_000 + 5_000)).toBe('2 d 00:00:05');
  });
});

import { describe, expect, it } from 'vitest';
import { formatPrice, totals } from './format';
import { customerIdFor } from './customer';
import { newTransactionId } from './orders';

describe('totals', () => {
  it('charges delivery below £30 and ships free from £30, VAT included', () => {
    expect(totals(10.45)).toEqual({ subtotal: 10.45, shipping: 3.95, tax: 2.4, total: 14.4 });
    expect(totals(30)).toMatchObject({ shipping: 0, total: 30, tax: 5 });
    expect(totals(0)).toMatchObject({ shipping: 0, total: 0 });
  });

  it('formats pounds', () => {
    expect(formatPrice(2.5)).toBe('£2.50');
  });
});

describe('ids', () => {
  it('derives the same customer id from the same e-mail in any spelling, without the e-mail', () => {
    const id = customerIdFor('ada@example.com');
    expect(customerIdFor('  ADA@Example.com ')).toBe(id);
    expect(customerIdFor('bob@example.com')).not.toBe(id);
    expect(id).not.toContain('ada');
  });

  it('makes distinct transaction ids', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newTransactionId(1_700_000_000_000)));
    expect(ids.size).toBe(50);
  });
});

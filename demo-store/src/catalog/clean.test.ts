import { describe, expect, it } from 'vitest';
import { cleanRow, isProductCode, normaliseDescription } from './clean';

const row = (over: Partial<Record<'invoice' | 'code' | 'desc' | 'qty' | 'date' | 'price' | 'customer' | 'country', string>> = {}) => [
  over.invoice ?? '536365',
  over.code ?? '85123A',
  over.desc ?? 'WHITE HANGING HEART T-LIGHT HOLDER',
  over.qty ?? '6',
  over.date ?? '2010-12-01 08:26:00',
  over.price ?? '2.55',
  over.customer ?? '17850',
  over.country ?? 'United Kingdom',
];

describe('cleanRow', () => {
  it('keeps a real sale with parsed numbers and time', () => {
    expect(cleanRow(row())).toEqual({
      invoice: '536365',
      code: '85123A',
      description: 'WHITE HANGING HEART T-LIGHT HOLDER',
      quantity: 6,
      price: 2.55,
      ts: Date.UTC(2010, 11, 1, 8, 26),
      customer: '17850',
      country: 'United Kingdom',
    });
  });

  it('drops cancellations, whatever else the row says', () => {
    expect(cleanRow(row({ invoice: 'C536379', qty: '-1' }))).toBe('cancellation');
  });

  it.each(['POST', 'DOT', 'M', 'm', 'D', 'S', 'C2', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS', 'DCGSSGIRL', 'gift_0001_20'])(
    'drops the non-product code %s',
    (code) => expect(cleanRow(row({ code }))).toBe('non-product'),
  );

  it('drops zero or negative quantities and prices', () => {
    expect(cleanRow(row({ qty: '0' }))).toBe('quantity');
    expect(cleanRow(row({ qty: '-12' }))).toBe('quantity');
    expect(cleanRow(row({ price: '0' }))).toBe('price');
    expect(cleanRow(row({ price: '-11062.06' }))).toBe('price');
  });

  it('drops warehouse notes typed as descriptions', () => {
    for (const desc of ['damaged', '?', 'check', 'wet/rusty', '']) expect(cleanRow(row({ desc }))).toBe('description');
  });

  it('normalises a lower-case code suffix and keeps guests with an empty customer', () => {
    const line = cleanRow(row({ code: '85123a', customer: '' }));
    expect(line).toMatchObject({ code: '85123A', customer: '' });
  });

  it('recognises the header and short rows', () => {
    expect(cleanRow(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])).toBe('header');
    expect(cleanRow(['536365', '85123A'])).toBe('malformed');
    expect(cleanRow(row({ date: 'yesterday' }))).toBe('malformed');
  });
});

describe('isProductCode', () => {
  it('accepts five digits with an optional letter suffix', () => {
    for (const code of ['85123A', '22423', '15056BL', '79323W', '84406b']) expect(isProductCode(code)).toBe(true);
  });
});

describe('normaliseDescription', () => {
  it('makes case and spacing variants of one name equal', () => {
    expect(normaliseDescription('  Paper craft ,  little birdie ')).toBe(normaliseDescription('PAPER CRAFT , LITTLE BIRDIE'));
    expect(normaliseDescription('PAPER CRAFT , LITTLE BIRDIE')).toBe('PAPER CRAFT, LITTLE BIRDIE');
  });
});

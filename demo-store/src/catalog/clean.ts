/**
 * Cleaning rules for the UCI Online Retail rows. A row is kept only when it is a real sale of a
 * real product; everything else is rejected with a reason, so the build can report what it
 * dropped and the rules can be unit tested on hand-written rows.
 */

/** One sale line that survived cleaning. */
export interface SaleLine {
  invoice: string;
  /** Stock code, upper-cased (the data has `85123a` and `85123A` for one product). */
  code: string;
  /** Description with spacing normalised, upper-cased; case differences are not new products. */
  description: string;
  quantity: number;
  /** Unit price in GBP. */
  price: number;
  /** Epoch ms (the data's times are UK local; read as UTC, the offset does not matter here). */
  ts: number;
  /** Empty for guest checkouts. */
  customer: string;
  country: string;
}

/** Why a row was dropped. */
export type Rejection = 'header' | 'malformed' | 'cancellation' | 'non-product' | 'quantity' | 'price' | 'description';

/**
 * Real products have a five-digit stock code with an optional letter suffix (`85123A`, `15056BL`).
 * Everything else in the data is bookkeeping: `POST`, `DOT` (postage), `M`/`m` (manual), `D`
 * (discount), `S` (samples), `C2` (carriage), `B` (bad debt), `BANK CHARGES`, `AMAZONFEE`, `CRUK`
 * (charity commission), `PADS`, `DCGS…` (marketplace adjustments) and `gift_0001_…` (vouchers).
 *
 * @example isProductCode('85123A') // true
 * @example isProductCode('POST')   // false
 */
export function isProductCode(code: string): boolean {
  return /^\d{5}[A-Z]{0,3}$/i.test(code.trim());
}

/**
 * Normalises a description for comparison: trimmed, inner whitespace collapsed, upper case,
 * and spaces around commas tidied (`PAPER CRAFT , LITTLE BIRDIE` → `PAPER CRAFT, LITTLE BIRDIE`).
 *
 * @example normaliseDescription('  white  hanging heart ') // 'WHITE HANGING HEART'
 */
export function normaliseDescription(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ').replace(/,\s*$/, '').toUpperCase();
}

/**
 * Warehouse notes typed into the description field on stock adjustments ("damaged", "found",
 * "?", "check", "wet/rusty"). They are written in lower case; product names never are.
 */
function looksLikeNote(raw: string): boolean {
  const t = raw.trim();
  return t.length < 3 || !/[A-Z]{3}/.test(t) || /^\?|\?$/.test(t);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Turns one CSV record (`InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
 * CustomerID, Country`) into a sale line, or the reason it was dropped.
 *
 * @example
 * cleanRow(['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '6', '2010-12-01 08:26:00', '2.55', '17850', 'United Kingdom'])
 * // → { invoice: '536365', code: '85123A', quantity: 6, price: 2.55, … }
 * cleanRow(['C536379', 'D', 'Discount', '-1', '2010-12-01 09:41:00', '27.5', '14527', 'United Kingdom'])
 * // → 'cancellation'
 */
export function cleanRow(fields: readonly string[]): SaleLine | Rejection {
  if (fields[0] === 'InvoiceNo') return 'header';
  if (fields.length < 8) return 'malformed';
  const [invoice, rawCode, rawDescription, rawQuantity, rawDate, rawPrice, customer, country] = fields as [string, string, string, string, string, string, string, string];
  if (/^c/i.test(invoice)) return 'cancellation';
  if (!isProductCode(rawCode)) return 'non-product';
  const quantity = Number(rawQuantity);
  if (!Number.isInteger(quantity) || quantity <= 0) return 'quantity';
  const price = Number(rawPrice);
  if (!Number.isFinite(price) || price <= 0) return 'price';
  if (looksLikeNote(rawDescription)) return 'description';
  const d = DATE.exec(rawDate.trim());
  if (!d) return 'malformed';
  const ts = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +d[4]!, +d[5]!, +(d[6] ?? 0));
  return {
    invoice: invoice.trim(),
    code: rawCode.trim().toUpperCase(),
    description: normaliseDescription(rawDescription),
    quantity,
    price,
    ts,
    customer: customer.trim().replace(/\.0$/, ''),
    country: country.trim(),
  };
}

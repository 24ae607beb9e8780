import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { datasetsDir } from './datasets';

/** One clean purchase line of UCI Online Retail. */
export interface RetailLine {
  invoice: string;
  item: string;
  title: string;
  quantity: number;
  /** Epoch ms (the data's local time read as UTC; only order and gaps matter). */
  time: number;
  price: number;
  customer: string;
}

/**
 * Splits one CSV line (RFC 4180 quoting: commas inside quotes, `""` for a quote).
 *
 * @example splitCsvLine('"a,b",1,"say ""hi"""') // ['a,b', '1', 'say "hi"']
 */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(field), (field = '');
    else field += c;
  }
  out.push(field);
  return out;
}

/**
 * The clean subset the data set README describes: a customer, quantity > 0, price > 0, not a
 * cancellation (`C…` invoice), and a product stock code (codes starting with a digit; `POST`,
 * `M`, `BANK CHARGES`… are fees and postage).
 */
export function cleanLine(fields: readonly string[]): RetailLine | undefined {
  const [invoice, item, title, quantity, date, price, customer] = fields;
  const q = Number(quantity);
  const p = Number(price);
  if (!invoice || invoice.startsWith('C') || !item || !/^\d/.test(item) || !customer) return undefined;
  if (!(q > 0) || !(p > 0)) return undefined;
  const time = Date.parse(`${date!.replace(' ', 'T')}Z`);
  if (!Number.isFinite(time)) return undefined;
  return { invoice, item, title: (title ?? '').trim(), quantity: q, time, price: p, customer };
}

/** Streams the gzipped CSV in place and returns its clean lines. */
export async function readOnlineRetail(path = `${datasetsDir()}online-retail/online_retail.csv.gz`): Promise<RetailLine[]> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  const out: RetailLine[] = [];
  let header = true;
  for await (const line of lines) {
    if (header) {
      if (!line.startsWith('"InvoiceNo","StockCode"')) throw new Error(`${path}: not the UCI Online Retail CSV (header "${line.slice(0, 60)}")`);
      header = false;
      continue;
    }
    const clean = cleanLine(splitCsvLine(line));
    if (clean) out.push(clean);
  }
  return out;
}

import { checkProducts, type RejectedProduct } from './catalog.schema';
import type { Product } from '@affinity/core';

/** Result of parsing a catalog file: valid products and the rows that were refused. */
export interface ParsedCatalog {
  products: Product[];
  rejected: RejectedProduct[];
}

/** CSV columns that hold numbers, lists and booleans; other columns are text. */
const NUMBERS = new Set(['price', 'listPrice', 'rating', 'ratingCount', 'stock']);
const LISTS: Record<string, RegExp> = { category: /\s*>\s*/, tags: /\s*\|\s*/, regions: /\s*\|\s*/ };

/**
 * Parse a catalog from JSON (an array of products, or `{ "products": [...] }`) or CSV with a
 * header row of `Product` field names. In CSV, `category` is a path `Shoes > Running`, `tags`
 * and `regions` are `|`-separated, `repeatable` is `true`/`false`.
 *
 * @example
 * parseCatalog('id,title,price,category\na,Trail shoe,89.9,Shoes > Running', 'csv');
 * // { products: [{ id: 'a', title: 'Trail shoe', price: 89.9, category: ['Shoes', 'Running'] }], rejected: [] }
 */
export function parseCatalog(text: string, format: 'json' | 'csv'): ParsedCatalog {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`Catalog is not valid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(data) ? data : (data as { products?: unknown })?.products;
    if (!Array.isArray(list)) throw new Error('Catalog JSON must be an array of products or { "products": [...] }.');
    return checkProducts(list);
  }
  const [header, ...rows] = parseCsv(text);
  if (!header || !header.includes('id')) throw new Error('Catalog CSV needs a header row with at least an "id" column.');
  const objects = rows
    .filter((r) => r.some((cell) => cell !== ''))
    .map((row) => {
      const o: Record<string, unknown> = {};
      header.forEach((column, i) => {
        const cell = (row[i] ?? '').trim();
        if (cell === '') return;
        if (NUMBERS.has(column)) o[column] = Number(cell);
        else if (LISTS[column]) o[column] = cell.split(LISTS[column]!).filter(Boolean);
        else if (column === 'repeatable') o[column] = cell === 'true' ? true : cell === 'false' ? false : cell;
        else o[column] = cell;
      });
      return o;
    });
  return checkProducts(objects);
}

/** Choose the format from a file name or content type. */
export function catalogFormat(nameOrType: string): 'json' | 'csv' {
  return /csv/i.test(nameOrType) ? 'csv' : 'json';
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes (`""`) and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows.map((r) => r.map((x) => x.replace(/^\uFEFF/, '')));
}

import type { Product } from '@affinity/core';
import { categorize } from './categories';
import type { SaleLine } from './clean';
import { collectionOf } from './collections';
import { unit } from './hash';
import { isRepeatable, tagsOf } from './tags';
import { titleCase } from './title-case';

/** A catalog product of the demo store: a core `Product` plus how often it was ordered. */
export interface DemoProduct extends Product {
  id: string;
  title: string;
  price: number;
  category: string[];
  /** Orders (invoices) that contained the product over the whole data set; the merchant's sort key. */
  popularity: number;
}

/** What the build remembers per stock code while streaming the rows. */
interface CodeStats {
  descriptions: Map<string, number>;
  /** Price in pence → number of lines sold at that price. */
  prices: Map<number, number>;
  orders: number;
  units: number;
  lastInvoice: string;
}

/**
 * Accumulates sale lines per stock code, then turns the best sellers into catalog products.
 *
 * @example
 * const acc = createCatalogAccumulator();
 * for (const line of lines) acc.add(line);
 * const products = acc.products({ limit: 2000 });
 */
export function createCatalogAccumulator() {
  const stats = new Map<string, CodeStats>();
  return {
    add(line: SaleLine): void {
      let s = stats.get(line.code);
      if (!s) stats.set(line.code, (s = { descriptions: new Map(), prices: new Map(), orders: 0, units: 0, lastInvoice: '' }));
      s.descriptions.set(line.description, (s.descriptions.get(line.description) ?? 0) + 1);
      const pence = Math.round(line.price * 100);
      s.prices.set(pence, (s.prices.get(pence) ?? 0) + 1);
      s.units += line.quantity;
      // Rows come grouped by invoice; a product listed twice on one invoice is one order.
      if (s.lastInvoice !== line.invoice) {
        s.orders++;
        s.lastInvoice = line.invoice;
      }
    },
    /** Number of distinct product codes seen. */
    get size(): number {
      return stats.size;
    },
    /** The `limit` most ordered products, best sellers first (the merchant's default order). */
    products({ limit = 2000, minOrders = 1 }: { limit?: number; minOrders?: number } = {}): DemoProduct[] {
      return [...stats.entries()]
        .filter(([, s]) => s.orders >= minOrders)
        .sort(([a, x], [b, y]) => y.orders - x.orders || y.units - x.units || (a < b ? -1 : 1))
        .slice(0, limit)
        .map(([code, s]) => toProduct(code, s));
    },
  };
}

/** The most frequent key of a count map; ties go to the smaller key so output is stable. */
function mode<K extends string | number>(counts: Map<K, number>): K {
  let best: K | undefined;
  let bestCount = -1;
  for (const [k, n] of counts) if (n > bestCount || (n === bestCount && k < best!)) [best, bestCount] = [k, n];
  return best!;
}

function toProduct(code: string, s: CodeStats): DemoProduct {
  const description = mode(s.descriptions);
  const r = unit(code, 'rating');
  // Ratings lean positive like real shops; best sellers get more reviews.
  const rating = Math.round((3.3 + 1.7 * Math.sqrt(r)) * 10) / 10;
  const ratingCount = 1 + Math.round(Math.sqrt(s.orders) * (0.5 + unit(code, 'reviews') * 2));
  const stockDraw = unit(code, 'stock');
  const stock = stockDraw < 0.04 ? 0 : 2 + Math.floor(stockDraw * 150);
  const product: DemoProduct = {
    id: code,
    title: titleCase(description),
    url: `/product/${encodeURIComponent(code)}`,
    image: `/img/${encodeURIComponent(code)}.svg`,
    price: mode(s.prices) / 100,
    currency: 'GBP',
    category: categorize(description),
    brand: collectionOf(description),
    tags: tagsOf(description),
    rating,
    ratingCount,
    stock,
    popularity: s.orders,
  };
  if (isRepeatable(description)) product.repeatable = true;
  return product;
}

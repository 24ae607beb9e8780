import type { SaleLine } from '../catalog/clean';
import type { DemoProduct } from '../catalog/aggregate';

/**
 * Historic orders in a compact form (a few MB instead of a few hundred): products are listed
 * once and orders refer to them by index. `expandSeed` turns it into events.
 */
export interface SeedFile {
  format: 'affinity-demo-seed/1';
  currency: string;
  /** Epoch ms of the first and the last order (original data-set time). */
  first: number;
  last: number;
  /** `[id, category, category2, brand]`, referred to by index from `orders`. */
  items: [id: string, category: string, category2: string, brand: string][];
  /** `[invoice, customer ('' for guests), ts, [[itemIndex, quantity, unitPrice], …]]`, oldest first. */
  orders: [invoice: string, customer: string, ts: number, lines: [item: number, quantity: number, price: number][]][];
}

/** Collects the orders before `until` while the rows stream by, in compact form (few objects). */
export function createSeedAccumulator({ until = Date.UTC(2011, 10, 1) }: { until?: number } = {}) {
  const codes = new Map<string, number>();
  const codeList: string[] = [];
  // Per invoice: customer, time, then flat [codeIndex, quantity, price, …] triples.
  const orders = new Map<string, { customer: string; ts: number; flat: number[] }>();
  return {
    add(l: SaleLine): void {
      if (l.ts >= until) return;
      let c = codes.get(l.code);
      if (c === undefined) {
        codes.set(l.code, (c = codeList.length));
        codeList.push(l.code);
      }
      let order = orders.get(l.invoice);
      if (!order) orders.set(l.invoice, (order = { customer: l.customer, ts: l.ts, flat: [] }));
      order.flat.push(c, l.quantity, l.price);
    },
    /** The seed for a catalog: lines of products not in it are left out, repeated lines merged. */
    build(products: readonly DemoProduct[]): SeedFile {
      const index = new Map(products.map((p, i) => [p.id, i]));
      const out: SeedFile['orders'] = [];
      for (const [invoice, { customer, ts, flat }] of orders) {
        const lines: SeedFile['orders'][number][3] = [];
        const seen = new Map<string, [number, number, number]>();
        for (let k = 0; k < flat.length; k += 3) {
          const i = index.get(codeList[flat[k]!]!);
          if (i === undefined) continue;
          const key = `${i}:${flat[k + 2]}`;
          const same = seen.get(key);
          if (same) same[1] += flat[k + 1]!;
          else {
            const line: [number, number, number] = [i, flat[k + 1]!, flat[k + 2]!];
            seen.set(key, line);
            lines.push(line);
          }
        }
        if (lines.length) out.push([invoice, customer, ts, lines]);
      }
      out.sort((a, b) => a[2] - b[2] || (a[0] < b[0] ? -1 : 1));
      return {
        format: 'affinity-demo-seed/1',
        currency: 'GBP',
        first: out[0]?.[2] ?? 0,
        last: out[out.length - 1]?.[2] ?? 0,
        items: products.map((p) => [p.id, p.category[0] ?? '', p.category[1] ?? '', p.brand ?? '']),
        orders: out,
      };
    },
  };
}

/**
 * Builds the seed from cleaned sale lines: orders before `until` (the data's first 11 months by
 * default, leaving the rest as unseen "future"), only products that are in the catalog.
 *
 * @example buildSeed(lines, products, { until: Date.UTC(2011, 10, 1) })
 */
export function buildSeed(lines: Iterable<SaleLine>, products: readonly DemoProduct[], options: { until?: number } = {}): SeedFile {
  const acc = createSeedAccumulator(options);
  for (const l of lines) acc.add(l);
  return acc.build(products);
}

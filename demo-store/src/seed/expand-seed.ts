import type { AffinityEvent, Item } from '@affinity/core';
import { hash53 } from '../catalog/hash';
import type { SeedFile } from './seed-file';
import { deterministicUlid } from './ulid';

/** Options of {@link expandSeed}. */
export interface ExpandSeedOptions {
  /** Where the last historic order lands, epoch ms; the whole history is shifted to end here. Default: `Date.now()`. */
  now?: number;
  /** Products per order that get a browsing trail (`view_item` → `add_to_cart`). Default 4. */
  browsePerOrder?: number;
  /** Events per yielded batch (the server accepts ≤ 1000 per insert). Default 1000. */
  batchSize?: number;
  /** Largest number of items written into one `purchase` (some wholesale invoices have 500+ lines). Default 200. */
  maxItemsPerOrder?: number;
}

const MINUTE = 60_000;

/**
 * Turns historic orders into the events a web shop would have captured: for each order a session
 * in which the shopper viewed and carted a few of the products (plus, every other session, one
 * product of the same category they did not buy), then the `purchase` with every line.
 * Timestamps are shifted so the history ends at `now` (so trending and time decay see recent
 * activity); ids are derived from the original data, so seeding twice inserts nothing new.
 *
 * @example
 * for (const batch of expandSeed(seed, { now: Date.now() })) await storage.insertEvents('demo', batch);
 */
export function* expandSeed(seed: SeedFile, options: ExpandSeedOptions = {}): Generator<AffinityEvent[]> {
  const { now = Date.now(), browsePerOrder = 4, batchSize = 1000, maxItemsPerOrder = 200 } = options;
  const shift = now - seed.last;
  const item = (i: number, extra: Partial<Item> = {}): Item => {
    const [item_id, item_category, item_category2, item_brand] = seed.items[i]!;
    return { item_id, item_category, item_category2, item_brand, ...extra };
  };
  // Products of each top-level category, for the "looked at but did not buy" view.
  const byCategory = new Map<string, number[]>();
  seed.items.forEach(([, c], i) => (byCategory.get(c) ?? byCategory.set(c, []).get(c)!).push(i));

  let batch: AffinityEvent[] = [];
  for (const [invoice, customer, ts, lines] of seed.orders) {
    const visitor = customer ? `seed-c${customer}` : `seed-g${invoice}`;
    const session = `seed-s${invoice}`;
    const events: AffinityEvent[] = [];
    const push = (type: AffinityEvent['type'], originalTs: number, key: string, data: AffinityEvent['data']) =>
      events.push({ id: deterministicUlid(originalTs, `${invoice}:${key}`), type, ts: originalTs + shift, visitor, session, channel: 'web', data });

    // A stable, order-specific pick of which lines the shopper browsed to.
    const browsed = lines
      .map((l, k) => ({ l, k, h: hash53(`${invoice}:${l[0]}`) }))
      .sort((a, b) => a.h - b.h)
      .slice(0, browsePerOrder);
    const steps = browsed.length + 1;
    let t = ts - steps * 3 * MINUTE;
    browsed.forEach(({ l, k }, n) => {
      if (n === 1 && hash53(invoice, 7) % 2 === 0) {
        const pool = byCategory.get(seed.items[l[0]]![1]) ?? [];
        const other = pool[hash53(invoice, 8) % pool.length];
        if (other !== undefined && !lines.some((x) => x[0] === other)) push('view_item', t - MINUTE, `browse:${other}`, { items: [item(other)] });
      }
      push('view_item', t, `view:${k}`, { items: [item(l[0], { price: l[2] })] });
      push('add_to_cart', t + MINUTE, `cart:${k}`, { currency: seed.currency, value: round(l[1] * l[2]), items: [item(l[0], { price: l[2], quantity: l[1] })] });
      t += 3 * MINUTE;
    });
    const bought = lines.slice(0, maxItemsPerOrder);
    push('purchase', ts, 'purchase', {
      transaction_id: `seed-${invoice}`,
      currency: seed.currency,
      value: round(lines.reduce((sum, l) => sum + l[1] * l[2], 0)),
      items: bought.map((l) => item(l[0], { price: l[2], quantity: l[1] })),
    });
    batch.push(...events);
    if (batch.length >= batchSize) {
      yield batch.slice(0, batchSize);
      batch = batch.slice(batchSize);
    }
  }
  while (batch.length) {
    yield batch.slice(0, batchSize);
    batch = batch.slice(batchSize);
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

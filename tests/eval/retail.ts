import { buildProfile } from '../../packages/core/src/profile/build-profile';
import { recommend } from '../../packages/core/src/recommend/recommend';
import type { CatalogView, RecommendContext } from '../../packages/core/src/recommend/types';
import type { AffinityEvent, ModelPayload, Neighbour, Product } from '../../packages/core/src/types';
import type { RetailLine } from './retail-data';
import { encodeEmbeddings } from '../../packages/core/src/recommend/learned/codec';
import { buildShopperPrototypes } from '../../packages/server/src/cf/prototypes';
import { trainEmbeddings } from '../../packages/server/src/embeddings/train';

/** What the purchase mode reports per strategy. */
export interface PurchaseReport {
  strategy: string;
  mode: 'all' | 'new';
  /** Share of customers who bought at least one recommended item later. */
  hr: number;
  /** Mean share of the K recommended items that were bought later. */
  precision: number;
  /** Distinct recommended items / products in training. */
  coverage: number;
  k: number;
  /** Customers evaluated. */
  n: number;
  ms: number;
}

interface Order {
  id: string;
  customer: string;
  time: number;
  items: string[];
}

const DAY = 86_400_000;

/**
 * The purchase mode of `npm run eval`: train on invoices before `cut` (the first 11 months of
 * UCI Online Retail), then for each customer with history who buys again after `cut`, check the
 * K items each strategy recommends against the items of their later invoices.
 * `all`: every later purchase counts (this is a wholesale catalogue: products are marked
 * repeatable, so "buy again" is allowed). `new`: only items the customer never bought before
 * count, and already-bought items are excluded from every list (pure discovery).
 *
 * @example evaluatePurchases(lines, Date.parse('2011-11-01'), 20)
 */
export function evaluatePurchases(lines: readonly RetailLine[], cut: number, k: number, maxCustomers = Infinity): PurchaseReport[] {
  const orders = toOrders(lines);
  const train = orders.filter((o) => o.time < cut);
  const test = orders.filter((o) => o.time >= cut);
  const history = groupBy(train, (o) => o.customer);
  const model = { ...buildModel(train, cut), ...learnedParts(train, history) };
  const later = new Map<string, Set<string>>();
  for (const o of test) {
    if (!history.has(o.customer)) continue;
    const set = later.get(o.customer) ?? new Set<string>();
    o.items.forEach((i) => set.add(i));
    later.set(o.customer, set);
  }
  const customers = [...later.keys()].sort().slice(0, maxCustomers);
  const reports: PurchaseReport[] = [];
  for (const mode of ['all', 'new'] as const) {
    const catalog = buildCatalog(lines, cut, mode === 'all');
    // Profiles are built up front: in a shop they are kept up to date as events arrive, so
    // building them is not part of the time per recommendation.
    const profiles = new Map(customers.map((c) => [c, buildProfile(purchaseEvents(history.get(c)!, catalog), { now: () => cut })]));
    const strategies: [string, (customer: string, past: Order[]) => string[]][] = [
      ['pop', (_c, past) => popList(model, mode === 'new' ? boughtSet(past) : new Set(), k)],
      ['bought-together', (_c, past) => ids(recommend('bought-together', context(catalog, model, past, cut), { limit: k }))],
      [
        'for-you',
        (c, past) => ids(recommend('for-you', { ...context(catalog, model, past, cut), profile: profiles.get(c) }, { limit: k })),
      ],
      ['embedding', (c, past) => ids(recommend('embedding', { ...context(catalog, model, past, cut), profile: profiles.get(c) }, { limit: k }))],
      ['similar-shoppers', (c, past) => ids(recommend('similar-shoppers', { ...context(catalog, model, past, cut), profile: profiles.get(c) }, { limit: k }))],
    ];
    for (const [name, run] of strategies) {
      let hits = 0;
      let precision = 0;
      let n = 0;
      let elapsed = 0;
      const seen = new Set<string>();
      for (const c of customers) {
        const past = history.get(c)!;
        const before = boughtSet(past);
        const targets = [...later.get(c)!].filter((i) => mode === 'all' || !before.has(i));
        if (targets.length === 0) continue;
        const start = performance.now();
        const list = run(c, past).slice(0, k);
        elapsed += performance.now() - start;
        const got = list.filter((i) => targets.includes(i)).length;
        list.forEach((i) => seen.add(i));
        if (got > 0) hits++;
        precision += got / k;
        n++;
      }
      reports.push({ strategy: name, mode, hr: hits / n, precision: precision / n, coverage: seen.size / catalog.all().length, k, n, ms: elapsed / n });
    }
  }
  return reports;
}

function toOrders(lines: readonly RetailLine[]): Order[] {
  const byInvoice = new Map<string, Order & { set: Set<string> }>();
  for (const l of lines) {
    let o = byInvoice.get(l.invoice);
    if (!o) byInvoice.set(l.invoice, (o = { id: l.invoice, customer: l.customer, time: l.time, items: [], set: new Set() }));
    if (!o.set.has(l.item)) o.set.add(l.item), o.items.push(l.item);
  }
  return [...byInvoice.values()]
    .map(({ set: _, ...o }) => o).sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = out.get(k);
    if (l) l.push(t);
    else out.set(k, [t]);
  }
  return out;
}

function boughtSet(past: readonly Order[]): Set<string> {
  return new Set(past.flatMap((o) => o.items));
}

/** The model the server would compute from training orders: bought-together rules and popularity. */
export function buildModel(train: readonly Order[], now: number, halfLifeDays = 30): ModelPayload {
  const number = new Map<string, number>();
  const names: string[] = [];
  for (const o of train) for (const a of o.items) if (!number.has(a)) number.set(a, names.push(a) - 1);
  const size = names.length;
  const count = new Float64Array(size);
  const decayed = new Float64Array(size);
  // A dense pair matrix: ~4k products is 16M cells, far faster than maps of maps.
  const joint = new Uint16Array(size * size);
  for (const o of train) {
    const w = Math.pow(0.5, (now - o.time) / (halfLifeDays * DAY));
    const items = o.items.map((a) => number.get(a)!);
    for (const a of items) (count[a]! += 1), (decayed[a]! += w);
    if (items.length > 100) continue; // bulk orders say little about what goes together
    for (const a of items) for (const b of items) if (a !== b) joint[a * size + b]!++;
  }
  const orders = train.length;
  const boughtTogether: Record<string, Neighbour[]> = {};
  for (let a = 0; a < size; a++) {
    const rules: Neighbour[] = [];
    for (let b = 0; b < size; b++) {
      const both = joint[a * size + b]!;
      if (both < 3) continue; // support floor: one-off baskets are noise
      const confidence = both / count[a]!;
      rules.push([names[b]!, both, confidence, confidence / (count[b]! / orders)]);
    }
    if (rules.length) boughtTogether[names[a]!] = rules.sort((x, y) => y[2] - x[2] || (x[0] < y[0] ? -1 : 1)).slice(0, 50);
  }
  const popular = names.map((id, i): [string, number] => [id, decayed[i]!]).sort((a, b) => b[1] - a[1]).slice(0, 500);
  return {
    version: 'eval',
    generatedAt: now,
    halfLifeDays,
    totals: { sessions: 0, carts: 0, orders },
    alsoViewed: {},
    boughtTogether,
    cartedTogether: {},
    next: {},
    popular,
    trending: [],
    popularByCategory: {},
  };
}

/**
 * Issue 12's learned parts as the server would build them from the training period: embeddings
 * from orders (an invoice's lines in order, like a session's steps) and similar-shopper
 * prototypes from each customer's training purchases.
 */
function learnedParts(train: readonly Order[], history: ReadonlyMap<string, Order[]>): Pick<ModelPayload, 'embeddings' | 'shoppers'> {
  const trained = trainEmbeddings(train.map((o) => o.items));
  return {
    embeddings: encodeEmbeddings(trained.ids, trained.rows, trained.dim),
    shoppers: buildShopperPrototypes([...history.values()].map((orders) => orders.flatMap((o) => o.items)), trained),
  };
}

function buildCatalog(lines: readonly RetailLine[], cut: number, repeatable: boolean): CatalogView {
  const map = new Map<string, Product>();
  for (const l of lines) {
    if (l.time >= cut || map.has(l.item)) continue;
    map.set(l.item, { id: l.item, title: l.title, price: l.price, currency: 'GBP', repeatable });
  }
  return { get: (id) => map.get(id), all: () => [...map.values()] };
}

function context(catalog: CatalogView, model: ModelPayload, past: readonly Order[], now: number): RecommendContext {
  // The latest order's items seed item-to-item strategies, as recent views would on a web shop.
  const last = past[past.length - 1]!;
  return { catalog, model, now, viewed: last.items.slice(0, 5), bought: [...boughtSet(past)] };
}

function purchaseEvents(past: readonly Order[], catalog: CatalogView): AffinityEvent[] {
  return past.map((o, i) => ({
    id: `o${String(i).padStart(6, '0')}`,
    type: 'purchase',
    ts: o.time,
    visitor: 'customer',
    session: o.id,
    channel: 'web',
    data: {
      transaction_id: o.id,
      items: o.items.map((id) => ({ item_id: id, item_name: catalog.get(id)?.title, price: catalog.get(id)?.price, quantity: 1 })),
    },
  }));
}

function popList(model: ModelPayload, exclude: ReadonlySet<string>, k: number): string[] {
  return model.popular.map(([id]) => id).filter((id) => !exclude.has(id)).slice(0, k);
}

function ids(list: { product: { id: string } }[]): string[] {
  return list.map((r) => r.product.id);
}

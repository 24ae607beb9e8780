import type { AffinityEvent, EventData, Product } from '@affinity/core';

/** What happened to one batch handed to {@link Storage.insertEvents}. */
export interface InsertResult {
  /** Events stored now for the first time. */
  accepted: number;
  /** Events whose id was already stored (re-sent after a lost acknowledgement). */
  duplicates: number;
  /** The events stored now, in batch order: what incremental model updates may count. */
  fresh: readonly AffinityEvent[];
}

/** How many rows of each kind an erasure removed. */
export interface EraseResult {
  events: number;
  profiles: number;
  links: number;
}

/** Event types the models learn from; other events are not read by model rebuilds. */
export const MODEL_EVENT_TYPES = ['view_item', 'select_item', 'add_to_cart', 'purchase'] as const;

/** The fields of an event the model builder reads. */
export interface ModelEvent {
  id: string;
  type: string;
  ts: number;
  session: string;
  data: EventData;
}

/** One page of the catalog. */
export interface ProductPage {
  items: Product[];
  total: number;
}

/** Counts behind `GET /v1/admin/stats`. */
export interface SiteStats {
  events: number;
  eventsByType: Record<string, number>;
  eventsByChannel: Record<string, number>;
  /** Distinct people: linked visitors count once per customer. */
  visitors: number;
  customers: number;
  products: number;
  profiles: number;
  /** Capture time of the newest event, epoch ms, or null without events. */
  lastEventAt: number | null;
  /** Distinct visitors who viewed (or selected) an item, added to cart, began checkout, bought. */
  funnel: { viewers: number; carters: number; checkouts: number; buyers: number };
  /** Synced profiles per RFM segment (`rfm.segment` of the stored profile; `none` without one). */
  rfmSegments: Record<string, number>;
}

/** SQL over `events` for {@link SiteStats.funnel}; the same text runs on both engines. */
export const FUNNEL_SQL = `count(DISTINCT CASE WHEN type IN ('view_item', 'select_item') THEN visitor END) AS viewers,
  count(DISTINCT CASE WHEN type = 'add_to_cart' THEN visitor END) AS carters,
  count(DISTINCT CASE WHEN type = 'begin_checkout' THEN visitor END) AS checkouts,
  count(DISTINCT CASE WHEN type = 'purchase' THEN visitor END) AS buyers`;

/** RFM segment counts with anything that is not a short segment name folded into `other`. */
export function rfmSegmentCounts(rows: Iterable<{ segment: unknown; n: number | string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const key = r.segment === null || r.segment === undefined ? 'none' : typeof r.segment === 'string' && /^[a-z_]{1,32}$/.test(r.segment) ? r.segment : 'other';
    out[key] = (out[key] ?? 0) + Number(r.n);
  }
  return out;
}

/** An event as read back from storage, with the site it was collected for. */
export interface StoredEvent extends AffinityEvent {
  site: string;
}

/**
 * Everything the HTTP handlers need from a database. Handlers receive one of these through
 * `createApp({ storage })` and never import a driver, so the same tests run on SQLite and
 * PostgreSQL.
 *
 * @example
 * const storage = await createSqliteStorage({ file: ':memory:' });
 * await storage.insertEvents('demo', events); // { accepted: 3, duplicates: 0 }
 */
export interface Storage {
  /** Which engine this is, for logs and stats. */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * A database file other threads may open read-only while this storage writes (SQLite in WAL
   * mode), so model rebuilds can scan it off the server's thread; absent when none can
   * (PostgreSQL, in-memory SQLite).
   */
  readonly readerFile?: string;
  /** Store events idempotently by id in one transaction. */
  insertEvents(site: string, events: readonly AffinityEvent[]): Promise<InsertResult>;
  /** Every stored event of a visitor, oldest first (used by erasure tests and exports). */
  visitorEvents(site: string, visitor: string): Promise<StoredEvent[]>;
  /**
   * Remove everything stored about a visitor on a site: events, the visitor's profile, its
   * identity link and token record — and, when linked, the customer's synced profile.
   */
  eraseVisitor(site: string, visitor: string): Promise<EraseResult>;
  /** Number of stored events for a site. */
  countEvents(site: string): Promise<number>;
  /** Merge products into the catalog by id (fields missing from the update keep their value). */
  upsertProducts(site: string, products: readonly Product[]): Promise<number>;
  /** Products ordered by id, optionally only those with `category` anywhere in their path. */
  listProducts(site: string, query: { category?: string; offset: number; limit: number }): Promise<ProductPage>;
  /** Top-level category of every catalog product, for per-category models. */
  productCategories(site: string): Promise<Map<string, string>>;
  /**
   * Stream the interaction events (views, selections, carts, purchases) of a site in chunks,
   * in no particular order; awaiting `onChunk` lets other requests run between chunks. The scan
   * reads what was stored when it started and ends even while events keep arriving: events
   * stored after the start may or may not be included.
   */
  scanModelEvents(site: string, onChunk: (events: ModelEvent[]) => void | Promise<void>): Promise<void>;
  /** Link an anonymous visitor to a customer; returns the customer it was linked to before, if any. */
  linkVisitor(site: string, visitor: string, customer: string): Promise<{ previous: string | undefined }>;
  /** The customer a visitor is linked to. */
  customerOf(site: string, visitor: string): Promise<string | undefined>;
  /** Record that a visitor's profile token was issued; `false` when it already had been. */
  markTokenIssued(site: string, visitor: string): Promise<boolean>;
  /** A stored profile by subject (`v:<visitor>` or `c:<customer>`). */
  getProfile(site: string, subject: string): Promise<{ data: unknown; updated: number } | undefined>;
  /** Store a profile for a subject, replacing the previous one. */
  putProfile(site: string, subject: string, data: unknown): Promise<void>;
  /** Rename a profile's subject unless the target already has one (identify merges into the customer). */
  moveProfile(site: string, from: string, to: string): Promise<boolean>;
  /** Counts for the admin stats endpoint. */
  stats(site: string): Promise<SiteStats>;
  /** Cheap round trip proving the database answers. */
  ping(): Promise<void>;
  /** Release connections. Idempotent. */
  close(): Promise<void>;
}

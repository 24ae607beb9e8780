import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import type { Affinity } from '../affinity';
import { createCatalog, type Catalog } from '../catalog/catalog';
import { mergeProduct, sanitizeProduct } from '../catalog/merge-product';
import { usesCluster } from '../clusters/segments';
import type { ClusterModel } from '../clusters/types';
import { createProfile, type ProfileStore, type ProfileStoreOptions } from '../profile/create-profile';
import type { Profile } from '../profile/types';
import { connectRankedList, type RankedListOptions } from '../rank/connect-ranked-list';
import { rank } from '../rank/rank';
import { connectRecommendations } from '../recommend/connect-recommendations';
import type { RecommendContext, RecommendationsState } from '../recommend/types';
import type { Item, ModelPayload, Product } from '../types';
import { fetchCatalog } from './catalog-page';
import { createListEvents, createPromotionEvents, type ListEvents, type ListEventsOptions, type PromotionEvents } from './list-events';
import { fetchModel } from './model';
import { embeddingTable } from '../recommend/learned/score';
import { fetchSessionIndex } from './session-index';
import type { SessionIndex } from '../recommend/next/session-index';
import { findFlashSale } from './flash-sale-lookup';
import { connectCoupons, type CouponsConnector } from '../promotions/connect-coupons';
import { connectFlashSale, type FlashSaleConnector } from '../promotions/connect-flash-sale';
import { createServerClock } from '../promotions/server-clock';
import type { CartContext } from '../promotions/types';
import { createExperimentGate, type ArmState } from './experiment-gate';
import { switchStore } from './switch-store';
import { createPageSlots } from './page-slots';
import { nextTaskStore } from './next-task-store';
import { inSlices, whenIdle as idle, yieldToPage } from '../scheduling/yield-to-page';
import { fetchExperiments } from '../experiments/fetch-experiments';
import { isPersonalOffer } from '../experiments/personal-offer';
import type { Experiments, Surface } from '../experiments/create-experiments';
import type { ExperimentDefinition } from '../experiments/types';

/** Options of {@link createRuntime}. Only `affinity` is required. */
export interface RuntimeOptions {
  affinity: Affinity;
  /** Backend origin for the model and the catalog; without it everything works from the page alone. */
  endpoint?: string;
  /** Profile options (half-life, merchant segments…). */
  profile?: ProfileStoreOptions;
  /** Products the page already knows (JSON-LD, a server-rendered list). */
  products?: readonly unknown[];
  /** Products fetched from `GET /v1/catalog` when a widget first needs candidates. Default 500; 0 turns it off. */
  catalogLimit?: number;
  /**
   * The site's experiments. Default: fetched from `GET {endpoint}/v1/experiments` when a widget
   * first renders (none without an endpoint or with consent denied); `false` runs none.
   */
  experiments?: readonly ExperimentDefinition[] | false;
  /** Arms forced by experiment id (QA previews): `{ holdout: 'control' }`. See `createExperiments`. */
  forceVariants?: Readonly<Record<string, string>>;
  /** The store's currency (ISO 4217) for amounts with no product of their own (coupons). Default: the catalog's. */
  currency?: string;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  now?: () => number;
}

/** Options of {@link Runtime.listEvents}: which surface the list is, for its experiment stamp. */
export interface RuntimeListEventsOptions extends ListEventsOptions {
  /** Default `recommendations`; a re-ranked listing is `listings`. */
  surface?: Surface;
}

/** Options of {@link Runtime.recommendations}. */
export interface RuntimeRecommendationsOptions {
  /** Strategy name (`for-you`, `related`, …); unknown names run `hybrid`. */
  strategy?: string;
  limit?: number;
  /** The product on this page (seed of item-to-item strategies; never recommended). */
  anchor?: string;
  /** Restricts `popular` / `trending` to a top-level category. */
  category?: string;
}

/**
 * Everything the page's widgets share: the SDK instance, the merged catalog, the live profile,
 * the server model (loaded lazily) and factories of connectors bound to them. One per page.
 */
export interface Runtime {
  readonly affinity: Affinity;
  /** The backend origin the runtime talks to (`undefined` without one); elements that call the server directly use it. */
  readonly endpoint: string | undefined;
  readonly catalog: Catalog;
  readonly profile: ProfileStore;
  /** `undefined` while loading (only once something listens), `null` when there is none. */
  readonly $model: ReadableAtom<ModelPayload | null | undefined>;
  /** Resolves when the profile has caught up with the local event log. */
  readonly ready: Promise<void>;
  /** The page's experiments, `undefined` until loaded (loading starts when something listens). */
  readonly $experiments: ReadableAtom<Experiments | undefined>;
  /**
   * The arm governing a surface (`loading` until known). Every surface of this runtime already
   * follows it; renderers need it only to show the arm. Listening logs the exposure.
   */
  arm(surface?: Surface): ReadableAtom<ArmState>;
  /**
   * A recommendations store; updates live with every event, the catalog and the model. A
   * control arm gets its experiment's non-personal fallback strategy instead (and an empty
   * recently-viewed: padding it with other products would be a lie); `loading` until the arm is known.
   */
  recommendations(options?: RuntimeRecommendationsOptions): ReadableAtom<RecommendationsState>;
  /**
   * Ranked ids of `products` for this shopper (see `connectRankedList`); the merchant's order
   * for a control arm, and while the arm is not known yet.
   */
  rankedList(options: Omit<RankedListOptions, '$profile' | '$model'>): ReadableAtom<string[]>;
  /** Why a product is shown to this shopper, in plain words (`undefined` for an unknown product). */
  why(productId: string): ReadableAtom<string | undefined>;
  /**
   * The offers this shopper should see now, with a claim action (see `connectCoupons`);
   * `undefined` without an endpoint, since codes only come from the server. A control arm
   * sees no targeted offers (see `isPersonalOffer`); `loading` until the arm is known.
   */
  coupons(options?: { limit?: number; cart?: ReadableAtom<CartContext> }): CouponsConnector | undefined;
  /** A flash sale by id, with its skew-corrected countdown and claim (see `connectFlashSale`). */
  flashSale(id: string): FlashSaleConnector | undefined;
  /** The id of the flash sale for a product, if one is running or coming. */
  flashSaleFor(productId: string): Promise<string | undefined>;
  /** A widget's impression and click events, stamped with its surface's experiment and arm. */
  listEvents(options: RuntimeListEventsOptions): ListEvents;
  /** Promotion events, stamped like list events (`coupons` for coupon offers; flash sales default to the first experiment). */
  promotionEvents(surface?: Surface): PromotionEvents;
  /**
   * The currency to show amounts in when nothing more specific says one: the `currency` option,
   * else the one most of the catalog's products are priced in; `undefined` when none is known.
   */
  currency(): string | undefined;
  /** Stops listening to events (tests, SPA teardown). */
  destroy(): void;
}

/**
 * Wires core for renderers. Network work (model, catalog) starts only when a widget first
 * listens, in an idle period, so it never competes with the page's own loading.
 *
 * @example
 * const rt = createRuntime({ affinity, endpoint: 'https://affinity.shop.example' });
 * setRuntime(rt); // <af-…> elements connect
 * rt.recommendations({ strategy: 'for-you', limit: 4 }).subscribe(({ items }) => render(items));
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { affinity } = options;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
  const endpoint = doFetch ? options.endpoint : undefined;
  const catalog = createCatalog();
  if (options.products) catalog.mergePage(options.products);
  // A lookup, not the catalog itself: this runtime merges event items into the catalog once, below.
  // Segment rules on `cluster.*` need the model's centroids: listening to the segments then loads the model.
  const $clusters = atom<ClusterModel | null | undefined>(undefined);
  onMount($clusters, () => loadModel());
  const withClusters = usesCluster(options.profile?.segments) ? { clusters: $clusters } : {};
  const profile = createProfile(affinity, { catalog: { get: (id) => catalog.get(id) }, ...options.profile, ...withClusters });

  // Personal widgets wait for the stored profile: an empty one for a moment would offer a
  // returning customer the first-order coupon, or fill "for you" with best sellers, then swap.
  const $profileReady = atom(false);
  void profile.ready.then(() => $profileReady.set(true));

  // Event items join the catalog a task after their event, the events of one task in one merge:
  // merged (and every widget listening to the catalog re-computed) inside the task that tracked
  // them, a page's push of a listing's dozens of items made the merchant's task long.
  let fresh: Item[] = [];
  const stopEvents = affinity.subscribe((e) => {
    const items = e.data.items;
    if (!Array.isArray(items) || !items.length) return;
    if (!fresh.length) void yieldToPage().then(() => catalog.mergeItems(fresh.splice(0)));
    fresh.push(...items);
  });
  // Earlier pages' items make recently viewed products renderable; what this page says wins.
  // Read only once a widget needs products, in an idle period: pages without widgets skip it.
  // Catalog loads under way (the log, the server page): widgets keep their skeleton rather than
  // show page-only results that would be swapped a moment later.
  const $catalogLoading = atom(0);
  const loading = (d: number) => $catalogLoading.set($catalogLoading.get() + d);
  let logRead = false;
  const mergeLog = () => {
    if (logRead) return;
    logRead = true;
    loading(1);
    idle(async () => {
      try {
        const log = await affinity.events();
        // Decoding the log was this task's work. Reading its items (dozens per listing view)
        // goes in short slices into a catalog of its own; the page's catalog takes the result
        // in one merge, so widgets re-render once.
        await yieldToPage();
        const seen = createCatalog();
        await inSlices(log, (e) => seen.mergeItems(e.data.items?.filter((i) => i && !catalog.has(String(i.item_id)))));
        await yieldToPage();
        catalog.mergePage(seen.all().filter((p) => !catalog.has(p.id)));
      } finally {
        loading(-1);
      }
    });
  };

  const $model = atom<ModelPayload | null | undefined>(endpoint ? undefined : null);
  let modelState: 'idle' | 'loading' | 'done' = endpoint ? 'idle' : 'done';
  const loadModel = () => {
    if (modelState !== 'idle' || !endpoint) return;
    if (affinity.$consent.get() === 'denied') return void $model.set(null);
    modelState = 'loading';
    idle(async () => {
      const model = await fetchModel({ endpoint, site: affinity.site, state: affinity.state, fetch: doFetch!, now });
      // Decoding the embeddings (cached per model) is milliseconds for a real catalog: a task of
      // its own, not part of the re-rank below.
      await yieldToPage();
      embeddingTable(model);
      // Setting it re-ranks every list and recommendation listening: a task of its own.
      await yieldToPage();
      modelState = 'done';
      $model.set(model);
      $clusters.set(model?.clusters ?? null);
    });
  };
  onMount($model, () => {
    loadModel();
    // Denied means no network; a later grant loads the model.
    return affinity.$consent.listen((c) => {
      if (c !== 'denied' && modelState === 'idle') loadModel();
    });
  });

  // The session index makes `next` sequence-aware (HR@20 0.64–0.68 vs 0.63 from the model's
  // transitions alone, see tests/eval/README.md); it is 40–100 KB gzip, so only slots that use
  // `next` (or blend it) fetch it, once, in idle time.
  const $sessionIndex = atom<SessionIndex | null>(null);
  let sessionsAsked = false;
  const loadSessions = () => {
    if (sessionsAsked || !endpoint || affinity.$consent.get() === 'denied') return;
    sessionsAsked = true;
    idle(async () => $sessionIndex.set(await fetchSessionIndex({ endpoint, site: affinity.site, state: affinity.state, fetch: doFetch!, now })));
  };

  let catalogRequested = false;
  const loadCatalog = () => {
    const limit = options.catalogLimit ?? 500;
    if (catalogRequested || !endpoint || limit <= 0 || affinity.$consent.get() === 'denied') return;
    catalogRequested = true;
    loading(1);
    idle(async () => {
      try {
        const rows = await fetchCatalog({ endpoint, site: affinity.site, fetch: doFetch!, limit });
        // Page data is fresher than the server's copy: the server fills in only what the page lacks.
        const products: Product[] = [];
        for (const row of rows) {
          const p = sanitizeProduct(row);
          if (!p) continue;
          const known = catalog.get(p.id);
          products.push(known ? mergeProduct(p, known) : p);
        }
        catalog.mergePage(products);
      } finally {
        loading(-1);
      }
    });
  };

  // One server clock for every promotion widget: the best skew sample of any answer serves all.
  const clock = createServerClock(now);
  const saleOf: Record<string, Promise<string | undefined>> = {};

  const listen = <T>(store: ReadableAtom<T>, onFirst: () => void) => (onMount(store, () => onFirst()), store);

  let currencyAt: [unknown, string | undefined] | undefined;

  const pageSlots = createPageSlots();
  const gate = createExperimentGate({
    affinity,
    now,
    force: options.forceVariants,
    load: () => {
      const given = options.experiments;
      if (given !== undefined) return given ? [...given] : [];
      return endpoint && affinity.$consent.get() !== 'denied' ? fetchExperiments(endpoint, affinity.site, doFetch!) : [];
    },
  });
  let $rankProfile: ReadableAtom<Profile> | undefined;
  const armKey = (s: ArmState, personal: string) => (s.loading ? 'loading' : s.arm?.strategy && s.arm.control ? `fallback:${s.arm.strategy}` : personal);

  return {
    affinity,
    endpoint,
    catalog,
    profile,
    $model,
    ready: profile.ready,
    $experiments: gate.$experiments,
    arm: gate.arm,
    recommendations(o = {}) {
      const usesNext = !o.strategy || o.strategy === 'next' || o.strategy === 'hybrid';
      let $self: ReadableAtom<RecommendationsState> | undefined;
      // What the widgets above show is not repeated here; "you viewed" lists what was viewed whatever else shows it.
      const $above = o.strategy === 'recently-viewed' ? atom(new Set<string>()) : pageSlots.shownBefore(() => $self);
      const slot = (personal: boolean, strategy = o.strategy) => {
        // Control sees what a store without Affinity would: no profile, no session, no own
        // events, and no de-duplication across the page.
        const $context = computed([catalog.$version, $model, profile.$profile, $sessionIndex, $above], (_, model, p, sessionIndex, above): RecommendContext => ({
          catalog,
          model,
          profile: personal ? p : undefined,
          sessionIndex: personal ? (sessionIndex ?? undefined) : undefined,
          anchor: o.anchor || undefined,
          category: o.category || undefined,
          exclude: personal ? above : undefined,
          now: now(),
        }));
        listen($context, () => (mergeLog(), loadCatalog(), personal && usesNext && loadSessions()));
        const $recs = connectRecommendations({ strategy, limit: o.limit, context: $context, events: personal ? affinity : undefined });
        return computed([$recs, $catalogLoading, $profileReady], (state, pending, ready) =>
          (pending > 0 || (personal && !ready)) && !state.loading ? { ...state, loading: true } : state,
        );
      };
      const stores: Record<string, ReadableAtom<RecommendationsState>> = {};
      return pageSlots.register(($self = switchStore(
        gate.arm('recommendations'),
        (s) => {
          const chosen = armKey(s, 'personal');
          const key = o.strategy === 'recently-viewed' && chosen.startsWith('fallback:') ? 'empty' : chosen;
          return (stores[key] ??=
            key === 'loading' ? atom(LOADING) : key === 'empty' ? atom({ items: [], loading: false }) : key === 'personal' ? slot(true) : slot(false, s.arm!.strategy));
        },
        LOADING,
      )));
    },
    rankedList(o) {
      const $products = isStore(o.products) ? o.products : atom(o.products);
      const $base = computed($products, (list) => list.map((p) => p.id));
      let $ranked: ReadableAtom<string[]> | undefined;
      // A list re-ranks a task after the event that changed the profile, not inside the page's task that tracked it.
      // Products the page did not describe (or described before this runtime started) are
      // ranked by what the shopper's own events said of them: price, category, brand.
      return listen(switchStore(
        gate.arm('listings'),
        (s) => (s.loading || s.arm?.listings === 'base' ? $base : ($ranked ??= connectRankedList({ now, ...o, products: $products, $profile: ($rankProfile ??= nextTaskStore(profile.$profile, profile.ready)), $model }))),
        $base.get(),
      ), mergeLog);
    },
    why(productId) {
      return computed([catalog.$version, profile.$profile, $model], (_, p, model) => {
        if (!catalog.has(productId)) return undefined;
        try {
          // Ranked among everything the page knows: signals are relative to the other products.
          return rank(catalog.all(), { profile: p, model, now: now(), diversity: false }).find((r) => r.id === productId)?.reason;
        } catch {
          return undefined;
        }
      });
    },
    coupons(o = {}) {
      if (!endpoint) return undefined;
      const limit = o.limit ?? 3;
      // Asks for more than shown: offers a control arm may not see must not take the places.
      const inner = connectCoupons({ source: affinity, profile, endpoint, site: affinity.site, clock, fetch: doFetch, now, limit: limit + 10, cart: o.cart });
      const $state = computed([inner.$state, gate.arm('coupons'), $profileReady], (state, s, ready) => {
        if (s.loading || !ready) return { ...state, loading: true, offers: [] };
        const offers = s.arm?.targetedCoupons === false ? state.offers.filter((x) => x.claimed || !isPersonalOffer(x.campaign)) : state.offers;
        return { ...state, offers: offers.slice(0, limit) };
      });
      return { ...inner, $state };
    },
    flashSale(id) {
      if (!endpoint || !id) return undefined;
      return connectFlashSale({ id, endpoint, site: affinity.site, source: affinity, clock, fetch: doFetch, now });
    },
    flashSaleFor(productId) {
      if (!endpoint || affinity.$consent.get() === 'denied') return Promise.resolve(undefined);
      return (saleOf[productId] ??= findFlashSale(productId, { endpoint, site: affinity.site, fetch: doFetch! }));
    },
    currency() {
      if (options.currency) return options.currency;
      const version = catalog.$version.get();
      if (currencyAt?.[0] !== version) currencyAt = [version, mostCommon(catalog.all().map((p) => p.currency))];
      return currencyAt[1];
    },
    listEvents: (o) => createListEvents(gate.track(o.surface ?? 'recommendations'), o),
    promotionEvents: (surface) => createPromotionEvents(gate.track(surface)),
    destroy() {
      stopEvents();
      gate.destroy();
      void profile.destroy();
    },
  };
}

const LOADING: RecommendationsState = { items: [], loading: true };

function mostCommon(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const v of values) {
    if (!v) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (!best || n > counts.get(best)!) best = v;
  }
  return best;
}

function isStore<T>(x: ReadableAtom<T> | T): x is ReadableAtom<T> {
  return typeof x === 'object' && x !== null && typeof (x as ReadableAtom<T>).listen === 'function';
}

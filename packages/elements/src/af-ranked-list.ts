import { css, type PropertyValues } from 'lit';
import { SafeElement } from './safe-element';
import { atom } from 'nanostores';
import { $runtime, BASE_PROP, ORDER_PROP, snapshotFor, yieldToPage, type BusinessRules, type ListEvents, type Product, type Runtime } from '@affinity/core';
import { ImpressionController } from './impressions';
import { StoreController } from './store-controller';

/**
 * Re-orders the merchant's own product cards for this shopper. The cards stay in the light DOM,
 * exactly as the page rendered and styled them: the element only moves them (never re-creates,
 * re-styles or hides them). Works for category pages and search results; cards added later
 * (infinite scroll) join the ranking, keeping the merchant's order as the base.
 *
 * ```html
 * <af-ranked-list list-id="category-shoes">
 *   <article data-product-id="sku-1">…</article>
 *   <article data-product-id="sku-2">…</article>
 * </af-ranked-list>
 * ```
 *
 * The `ranked` attribute is set after the first personalized order is applied. `disabled`
 * keeps the merchant's order (a holdout group, or the shopper's choice).
 *
 * First paint: every order it applies is remembered in the first-paint snapshot, and the early
 * script (`affinity-early.js`) re-orders the list from it before the page paints. A list the
 * early script settled (`af-early="snapshot"`: already in the personal order; `"timeout"`: its
 * hold ran out and the merchant's order showed) is never moved again on this page view: the
 * shopper never sees it jump. A held list (`af-hold`) is released by the first order this
 * element applies (`af-early="ranked"`), and then follows the profile live, as a list without
 * the early script does.
 *
 * @fires af-ranked - the order changed; `detail.ids` is the new order
 * @slot - the merchant's cards, each with `data-product-id`
 */
export class AfRankedList extends SafeElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    listId: { attribute: 'list-id' },
    region: {},
    disabled: { type: Boolean, reflect: true },
    rules: { attribute: false },
  };

  /** `item_list_id` of impressions and clicks. Default `af-ranked-list`. */
  declare listId: string | undefined;
  /** Shopper's region (ISO country code), when the page knows it. */
  declare region: string | undefined;
  /** Keep the merchant's order. */
  declare disabled: boolean;
  /** Merchant rules: pin, bury, boost, out-of-stock last. */
  declare rules: BusinessRules | undefined;

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private readonly _ids = new StoreController<string[]>(this);
  private readonly _products = atom<readonly Product[]>([]);
  /** Product ids in the merchant's order: the base of every ranking. */
  private _base: string[] = [];
  private _bound: Runtime | undefined;
  private _ready = false;
  private _events: ListEvents | undefined;
  private _observer: MutationObserver | undefined;
  private _stopCatalog: (() => void) | undefined;
  private readonly _impressions = new ImpressionController(
    this,
    (els) => this._events?.seen(this._entries(els)),
    () => this._cards(),
  );

  constructor() {
    super();
    this.disabled = false;
    this.addEventListener('click', (e) => {
      const card = (e.target as Element | null)?.closest?.('[data-product-id]');
      if (card && card.parentElement === this) for (const x of this._entries([card])) this._events?.select(x.product, x.index);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._readBase();
    this._observer = new MutationObserver((records) => this._readBase(records));
    this._observer.observe(this, { childList: true });
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // The slot goes in with the shadow root, at connection: rendered by the first update (a task
    // later), the merchant's cards were not displayed in between, and a frame painted then showed
    // the grid collapsed (two layout shifts, 0.27 each in the first-paint bench, as the footer
    // jumped up and back).
    root.appendChild(document.createElement('slot'));
    return root;
  }

  protected override async scheduleUpdate(): Promise<unknown> {
    // The first update (binding to the runtime, impressions) runs in a task of its own, not in
    // the one that defined the element and upgraded every list already on the page. The cards
    // are the merchant's own and already painted, so nothing waits on it.
    if (!this.hasUpdated) await yieldToPage();
    return super.scheduleUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._observer?.disconnect();
    this._stopCatalog?.();
    this._stopCatalog = this._bound = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const rt = this._runtime.value;
    if (rt && (rt !== this._bound || changed.has('rules') || changed.has('region'))) {
      if (rt !== this._bound) {
        this._ready = false;
        // The first order waits for the stored profile, so the cards move once, not twice; it is
        // applied a task after the profile's publication, which already ranked every list.
        void rt.ready.then(yieldToPage).then(() => ((this._ready = true), this.requestUpdate()));
        this._stopCatalog?.();
        // New product details re-rank the list a task after the event that brought them (an
        // impression of many cards, a page push), never inside it; several changes, one re-rank.
        let queued = false;
        this._stopCatalog = rt.catalog.$version.listen(() => {
          if (queued) return;
          queued = true;
          void yieldToPage().then(() => ((queued = false), this._bound === rt && this._syncProducts()));
        });
      }
      if (rt !== this._bound) {
        this._events = rt.listEvents({ listId: this.listId || 'af-ranked-list', strategy: 'personalized-rank', surface: 'listings' });
        // Cards seen before the runtime started are reported now (the connector counts each once).
        this._impressions.reset();
      }
      const first = rt !== this._bound;
      this._bound = rt;
      this._syncProducts();
      const subscribe = () => (this._ids.store = rt.rankedList({ products: this._products, rules: this.rules, region: this.region }));
      // The first ranking (experiments, the log, the ranking itself) gets a task of its own,
      // rather than join this update's: the order waits for the stored profile anyway.
      if (first) void yieldToPage().then(() => this._bound === rt && subscribe());
      else subscribe();
    }
  }

  override updated(): void {
    // The page's own changes since the last look first (a re-sort changes the base), then ours.
    const pending = this._observer?.takeRecords();
    if (pending?.length) this._readBase(pending);
    const ids = this._ids.value;
    const ranked = this._ready && !this.disabled && ids?.length ? ids : undefined;
    if (ranked && this._bound) {
      snapshotFor(this._bound).remember(this.listId || 'af-ranked-list', this._base, ranked, !!this.rules || !!this.region, this._products.get());
    }
    // Settled before this element could rank: the cards stay where the shopper first saw them.
    const early = this.getAttribute('af-early');
    if ((early === 'snapshot' || early === 'timeout') && !this.disabled) return;
    const order = this.disabled || !ids?.length ? this._base : ranked;
    if (!order) return;
    this._apply(order);
    // A stale early order is now this element's: from here it follows the profile live.
    if (early === 'stale' && ranked) this.setAttribute('af-early', 'ranked');
    if (this.hasAttribute('af-hold') && (ranked || this.disabled)) {
      this.removeAttribute('af-hold');
      this.setAttribute('af-early', 'ranked');
    }
  }

  private _cards(): HTMLElement[] {
    return Array.from(this.children).filter((c): c is HTMLElement => c instanceof HTMLElement && !!c.dataset.productId);
  }

  /** Products and positions of `els` (cards of this list; others are skipped). One look at the children for all of them. */
  private _entries(els: readonly Element[]): Array<{ product: Product; index: number }> {
    const position = new Map<Element, number>(this._cards().map((c, i) => [c, i]));
    return els.flatMap((el) => {
      const id = (el as HTMLElement).dataset.productId;
      const index = position.get(el);
      return id && index !== undefined ? [{ product: this._bound?.catalog.get(id) ?? { id }, index }] : [];
    });
  }

  /**
   * New cards join the base order where the merchant put them; our own moves change nothing
   * (their records are dropped). A card the page itself moved or re-rendered means the page
   * re-sorted (a sort menu, a filter): the order it left is the new base.
   */
  private _readBase(records: readonly MutationRecord[] = []) {
    let inDom = this._cards().map((c) => c.dataset.productId!);
    const base = new Set(this._base);
    const resorted = records.some((r) => Array.prototype.some.call(r.addedNodes, (n: Node) => n instanceof HTMLElement && base.has(n.dataset.productId ?? '')));
    // The early script's moves (before this element could rank) are not a re-sort either.
    const early = (this as { [ORDER_PROP]?: unknown })[ORDER_PROP];
    const ours = Array.isArray(early) && early.length === inDom.length && early.every((id, i) => id === inDom[i]);
    if (resorted && !ours) return this._setBase(inDom);
    // Re-ordered by the early script before this element ran: the merchant's order is kept there.
    const merchant = (this as { [BASE_PROP]?: unknown })[BASE_PROP];
    if (Array.isArray(merchant) && !this._base.length) {
      const present = new Set(inDom);
      const first = merchant.filter((id): id is string => typeof id === 'string' && present.has(id));
      const known = new Set(first);
      inDom = first.concat(inDom.filter((id) => !known.has(id)));
    }
    const present = new Set(inDom);
    const kept = this._base.filter((id) => present.has(id));
    const known = new Set(kept);
    this._setBase(kept.concat(inDom.filter((id) => !known.has(id))));
  }

  private _setBase(next: string[]) {
    if (next.length === this._base.length && next.every((id, i) => id === this._base[i])) return;
    this._base = next;
    this._syncProducts();
    this._impressions.observe();
    this.requestUpdate();
  }

  private _syncProducts() {
    const catalog = this._bound?.catalog;
    this._products.set(this._base.map((id) => catalog?.get(id) ?? { id }));
  }

  /** Moves the cards into `order` (cards the ranking does not know keep their relative place at the end). */
  private _apply(order: readonly string[]) {
    const cards = this._cards();
    const byId = new Map(cards.map((c) => [c.dataset.productId!, c]));
    const wanted = order.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const placed = new Set(wanted);
    const rest = cards.filter((c) => !placed.has(c));
    const target = wanted.concat(rest);
    if (target.every((c, i) => c === cards[i])) return;
    // Move only what is out of place: `before` walks the target order over the live children.
    let before: Element | null = cards[0] ?? null;
    for (const card of target) {
      if (card === before) before = card.nextElementSibling;
      else this.insertBefore(card, before);
    }
    // Our own moves are not a re-sort by the page.
    this._observer?.takeRecords();
    this.toggleAttribute('ranked', order !== this._base);
    this.dispatchEvent(new CustomEvent('af-ranked', { detail: { ids: target.map((c) => c.dataset.productId!) }, bubbles: true }));
  }
}

// The snapshot writer follows the page's runtime wherever widgets run, not only next to a ranked
// list: the profile also changes on product pages, and the next listing should paint with it.
$runtime.subscribe((rt) => void (rt && snapshotFor(rt)));

declare global {
  interface HTMLElementTagNameMap {
    'af-ranked-list': AfRankedList;
  }
}

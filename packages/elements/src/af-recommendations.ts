import { html, nothing, type PropertyValues } from 'lit';
import { SafeElement } from './safe-element';
import { $runtime, type ListEvents, type Product, type Recommendation, type RecommendationsState, type Runtime } from '@affinity/core';
import { cardStyles, defaultCard, fillTemplate, skeletonCard } from './card';
import { localeOf } from './format';
import { ImpressionController } from './impressions';
import { StoreController } from './store-controller';
import { stringsProperty, text, type Strings } from './strings';
import { base } from './styles';

/** Detail of the `af-select` event. */
export interface SelectDetail {
  product: Product;
  index: number;
  listId: string;
  strategy: string;
}

/**
 * Personalized product recommendations, rendered from core's recommendations connector.
 *
 * Space for `limit` cards is reserved from the first paint (a skeleton of the final size), so
 * nothing below moves when results arrive. Impressions are tracked as `view_item_list` when a
 * card is half visible, clicks as `select_item`, both with the list id, position and strategy.
 *
 * ```html
 * <af-recommendations strategy="related" product-id="sku-1" limit="4" heading="You may also like">
 *   <template><a data-attr="href:url"><img data-attr="src:image alt:title"><b data-field="title"></b> <span data-field="price"></span></a></template>
 * </af-recommendations>
 * ```
 *
 * @fires af-select - a card was clicked; `detail`: {@link SelectDetail}
 * @slot - an optional `<template>` for the card: `data-field="title|price|list-price|brand|category|rating|reason|id"`
 *   fills text, `data-attr="href:url src:image alt:title"` fills attributes.
 * @csspart root - the section
 * @csspart heading - the heading
 * @csspart list - the `<ul>`
 * @csspart item - each `<li>`
 * @csspart card - each card (`skeleton` too while loading)
 * @csspart image - @csspart title - @csspart price - @csspart list-price - @csspart reason
 * @cssprop --af-columns - cards per row (default 4)
 * @cssprop --af-image-ratio - image aspect ratio (default 1)
 */
export class AfRecommendations extends SafeElement {
  static override styles = [base, cardStyles];

  static override properties = {
    strategy: { reflect: true },
    limit: { type: Number },
    productId: { attribute: 'product-id' },
    category: {},
    listId: { attribute: 'list-id' },
    heading: {},
    currency: {},
    strings: stringsProperty,
    showReason: { type: Boolean, attribute: 'show-reason' },
    collapseEmpty: { type: Boolean, attribute: 'collapse-empty' },
  };

  /** Strategy: `for-you`, `related`, `also-viewed`, `bought-together`, `cart-complement`, `next`, `trending`, `popular`, `recently-viewed`, `hybrid`. */
  declare strategy: string;
  /** Number of cards (and of reserved slots). Default 8. */
  declare limit: number;
  /** The product this page is about (seed of item-to-item strategies). */
  declare productId: string | undefined;
  /** Top-level category for `popular` / `trending`. */
  declare category: string | undefined;
  /** `item_list_id` of impressions and clicks. Default `af-<strategy>`. */
  declare listId: string | undefined;
  /** Visible heading; none when empty. */
  declare heading: string | undefined;
  /** Currency of prices whose product does not say it. */
  declare currency: string | undefined;
  /** Replacements of the English strings: `was` (before a struck-through list price, for screen readers). */
  declare strings: Strings | undefined;
  /** Show why each item is recommended. */
  declare showReason: boolean;
  /** Collapse to nothing when there is nothing to show (default: keep the reserved space). */
  declare collapseEmpty: boolean;

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private readonly _state = new StoreController<RecommendationsState>(this);
  private _events: ListEvents | undefined;
  private _items: Recommendation[] = [];
  private readonly _impressions = new ImpressionController(this, (els) =>
    this._events?.seen(
      els.flatMap((el) => {
        const index = Number((el as HTMLElement).dataset.afIndex);
        const r = this._items[index];
        return r ? [{ product: r.product, index }] : [];
      }),
    ),
  );

  constructor() {
    super();
    this.strategy = 'for-you';
    this.limit = 8;
    this.showReason = false;
    this.collapseEmpty = false;
  }

  protected get _strategy(): string {
    return this.strategy;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const rt = this._runtime.value;
    const key = ['strategy', 'limit', 'productId', 'category'] as const;
    if (rt && (key.some((k) => changed.has(k)) || this._bound !== rt)) {
      this._bound = rt;
      this._state.store = rt.recommendations({ strategy: this._strategy, limit: this._limit, anchor: this.productId, category: this.category });
    }
    if (rt && (changed.has('listId') || changed.has('strategy') || this._eventsFor !== rt)) {
      this._eventsFor = rt;
      this._events = rt.listEvents({ listId: this._listId, listName: this.heading || undefined, strategy: this._strategy });
    }
    const items = this._state.value?.items ?? [];
    if (items !== this._items) {
      this._items = items;
      this._impressions.reset();
    }
  }

  private _bound: Runtime | undefined;
  private _eventsFor: Runtime | undefined;

  private get _limit(): number {
    const n = Math.floor(Number(this.limit));
    return n > 0 ? Math.min(n, 50) : 8;
  }

  private get _listId(): string {
    return this.listId || `af-${this._strategy}`;
  }

  override render() {
    const state = this._state.value;
    const loading = !state || state.loading;
    const items = loading ? [] : state.items.slice(0, this._limit);
    if (!loading && !items.length && this.collapseEmpty) return nothing;
    const template = this.querySelector<HTMLTemplateElement>(':scope > template');
    // A product's own currency wins; then the element's, then the store's (never a bare number).
    const ctx = { locale: localeOf(this), currency: this.currency || this._bound?.currency(), was: text({ was: 'was ' }, this.strings, 'was') };
    const slots = Array.from({ length: this.collapseEmpty && !loading ? items.length : this._limit }, (_, i) => i);
    return html`<section part="root" aria-busy=${loading ? 'true' : 'false'} aria-label=${this.heading || nothing}>
      ${this.heading ? html`<h2 part="heading">${this.heading}</h2>` : nothing}
      <ul class="grid" part="list" role="list">
        ${slots.map((i) => {
          const r = items[i];
          if (!r) return html`<li part="item" class=${loading ? '' : 'unused'}>${skeletonCard(this.showReason)}</li>`;
          const c = { ...ctx, reason: this.showReason ? r.reason : undefined };
          return html`<li part="item" data-af-index=${i} data-product-id=${r.product.id} @click=${() => this._select(i)}>
            ${template ? fillTemplate(template, r.product, c) : defaultCard(r.product, c)}
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private _select(index: number) {
    const r = this._items[index];
    if (!r) return;
    this._events?.select(r.product, index);
    const detail: SelectDetail = { product: r.product, index, listId: this._listId, strategy: r.strategy };
    this.dispatchEvent(new CustomEvent('af-select', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'af-recommendations': AfRecommendations;
  }
}

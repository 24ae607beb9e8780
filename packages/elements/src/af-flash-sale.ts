import { css, html, nothing, type PropertyValues } from 'lit';
import { SafeElement } from './safe-element';
import { $runtime, type FlashSaleConnector, type FlashSaleState, type FlashSaleStatus, type PromotionEvents, type Runtime } from '@affinity/core';
import { formatDate, formatMoney, localeOf } from './format';
import { ImpressionController } from './impressions';
import { countdownText } from './promo-text';
import { StoreController } from './store-controller';
import { stringsProperty, text, type Strings } from './strings';
import { base } from './styles';

/**
 * English defaults of `<af-flash-sale>`'s `strings`: headlines by status (`upcoming`, `live`,
 * `sold_out`, `ended`, `claimed`), buttons, announcements, and claim refusals by the server's
 * reason (`error_<reason>`).
 */
export const FLASH_SALE_STRINGS: Strings = {
  upcoming: 'Starts in',
  live: 'Ends in',
  sold_out: 'Sold out',
  ended: 'This sale has ended',
  claimed: 'Yours! Complete your order within',
  was: 'was ',
  left: '{remaining} of {stock} left',
  claim: 'Claim the deal',
  soldOutButton: 'Sold out',
  endedButton: 'Ended',
  started: 'The sale has started.',
  soldOutNow: 'Sold out.',
  endedNow: 'The sale has ended.',
  held: 'Claimed. We hold it for you until {date}.',
  failed: 'The deal could not be claimed.',
  error_sold_out: 'Sorry, it just sold out.',
  error_limit_reached: 'You already claimed the most you can.',
  error_not_eligible: 'This sale is for selected shoppers.',
  error_not_started: 'The sale has not started yet.',
  error_ended: 'This sale has ended.',
  error_network: 'We could not reach the store. Please try again.',
};

/**
 * A flash sale for one product: price, a countdown corrected for the device's clock skew (by
 * core), units left, and a claim button, with upcoming, sold-out, ended and claimed states.
 * The countdown is a `timer` (not read out every second); status changes and claim results are
 * announced politely.
 *
 * ```html
 * <af-flash-sale product-id="sku-1"></af-flash-sale>   <!-- or sale-id="tent-drop" -->
 * ```
 *
 * The host reflects the state as `status` (`upcoming`, `live`, `sold_out`, `ended`, `claimed`).
 *
 * @fires af-claim - a unit is held for the shopper; `detail.reservation`
 * @csspart title - @csspart price - @csspart list-price - @csspart countdown - @csspart stock
 * @csspart claim - @csspart status
 * @cssprop --af-flash-sale-height - height of the box (default 14em), skeleton included
 */
export class AfFlashSale extends SafeElement {
  static override styles = [
    base,
    css`
      .sale {
        border: 2px solid var(--_accent);
        border-radius: var(--_radius);
        padding: var(--_gap);
        /* Fixed: loading, live, sold out and claimed all take the same space. */
        height: var(--af-flash-sale-height, 14em);
        overflow: hidden;
        box-sizing: border-box;
      }
      [role='status'] {
        min-height: 1.3em;
      }
      .sale.skeleton {
        border-color: var(--_skeleton);
        background: var(--_skeleton);
      }
      p {
        margin: 0 0 0.3em;
      }
      [part='title'] {
        font-weight: 600;
      }
      [part='price'] {
        font-size: 1.25em;
        font-weight: 600;
      }
      [part='list-price'] {
        color: var(--_muted);
        font-weight: 400;
        font-size: 0.8em;
      }
      [part='countdown'] {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
      meter {
        width: 100%;
      }
    `,
  ];

  static override properties = {
    productId: { attribute: 'product-id' },
    saleId: { attribute: 'sale-id' },
    currency: {},
    strings: stringsProperty,
    _saleId: { state: true },
    _status: { state: true },
  };

  /** The product on sale (its sale is looked up on the server). */
  declare productId: string | undefined;
  /** The sale's id, when the page knows it (skips the lookup). */
  declare saleId: string | undefined;
  /** Currency of the prices (default: the product's, else a plain number). */
  declare currency: string | undefined;
  /** Replacements of the English strings, by key (see {@link FLASH_SALE_STRINGS}). */
  declare strings: Strings | undefined;
  declare private _saleId: string | undefined;
  declare private _status: string;

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private readonly _state = new StoreController<FlashSaleState>(this);
  private _sale: FlashSaleConnector | undefined;
  private _promos: PromotionEvents | undefined;
  private _bound: Runtime | undefined;
  private _boundSale: string | undefined;
  private _lastStatus: FlashSaleStatus | undefined;
  private _busy = false;
  protected readonly _impressions = new ImpressionController(this, () => {
    const sale = this._state.value?.sale;
    if (sale) this._promos?.seen(this._ref());
  });

  constructor() {
    super();
    this._status = '';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const rt = this._runtime.value;
    if (!rt) return;
    if (rt !== this._bound || changed.has('productId') || changed.has('saleId')) {
      this._bound = rt;
      this._promos = rt.promotionEvents();
      if (this.saleId) this._saleId = this.saleId;
      else if (this.productId) {
        const want = this.productId;
        void rt.flashSaleFor(want).then((id) => {
          if (this.productId === want) this._saleId = id ?? '';
        });
      }
    }
    if (this._saleId && this._saleId !== this._boundSale) {
      this._boundSale = this._saleId;
      this._sale = rt.flashSale(this._saleId);
      this._state.store = this._sale?.$state;
    }
    const status = this._state.value?.status;
    if (status && this._lastStatus && status !== this._lastStatus && !this._busy) {
      const key = status === 'live' ? 'started' : status === 'sold_out' ? 'soldOutNow' : status === 'ended' ? 'endedNow' : '';
      const msg = key && this._t(key);
      if (msg) this._status = msg;
    }
    this._lastStatus = status;
  }

  override updated(): void {
    // Reflected so themes can style states: af-flash-sale[status='sold_out'] { … }
    const status = this._state.value?.status;
    if (status) this.setAttribute('status', status);
    else this.removeAttribute('status');
  }

  private _ref() {
    const s = this._state.value?.sale;
    return { id: s?.id ?? this._saleId ?? '', name: s?.title, slot: 'af-flash-sale', products: s ? [this._bound?.catalog.get(s.item) ?? { id: s.item }] : undefined };
  }

  override render() {
    // No sale for this product (or no server): nothing to show, nothing reserved.
    if (this._saleId === '' || (this._bound && this._saleId && !this._sale)) return nothing;
    const s = this._state.value;
    if (s?.status === 'unavailable') return nothing;
    if (!s?.sale) return html`<div class="sale skeleton" aria-busy="true"></div>`;
    const sale = s.sale;
    const locale = localeOf(this);
    const currency = this.currency || this._bound?.catalog.get(sale.item)?.currency || this._bound?.currency();
    const headline = s.status === 'loading' ? '' : this._t(s.status);
    const timed = s.status === 'upcoming' || s.status === 'live' || (s.status === 'claimed' && s.countdownMs > 0);
    return html`<div class="sale" data-af-index="0" aria-labelledby="t">
      <p part="title" id="t">${sale.title}</p>
      <p part="price">
        ${formatMoney(sale.price, locale, currency)}
        ${sale.listPrice && sale.listPrice > sale.price ? html`<s part="list-price"><span class="sr-only">${this._t('was')}</span>${formatMoney(sale.listPrice, locale, currency)}</s>` : nothing}
      </p>
      <p>
        ${headline}
        ${timed
          ? html` <span part="countdown" role="timer" aria-atomic="true">${countdownText(s.countdownMs)}</span>`
          : s.status === 'upcoming'
            ? formatDate(sale.startsAt, locale)
            : nothing}
      </p>
      ${s.status === 'live' || s.status === 'upcoming'
        ? html`<p part="stock"><meter min="0" max=${sale.stock} value=${s.remaining} aria-hidden="true"></meter> ${this._t('left', { remaining: s.remaining, stock: sale.stock })}</p>`
        : nothing}
      ${s.status === 'claimed' ? nothing : html`<button part="claim" ?disabled=${s.status !== 'live' || this._busy} @click=${this._claim}>${this._t(s.status === 'sold_out' ? 'soldOutButton' : s.status === 'ended' ? 'endedButton' : 'claim')}</button>`}
      <p part="status" role="status" aria-live="polite">${this._status}</p>
    </div>`;
  }

  private async _claim() {
    if (!this._sale || this._busy) return;
    this._busy = true;
    this._status = '';
    this.requestUpdate();
    this._promos?.select(this._ref());
    const ok = await this._sale.claim();
    this._busy = false;
    const s = this._state.value;
    if (ok) {
      this._status = this._t('held', { date: formatDate(s?.reservation?.expiresAt ?? Date.now(), localeOf(this)) });
      this.dispatchEvent(new CustomEvent('af-claim', { detail: { reservation: s?.reservation }, bubbles: true, composed: true }));
    } else {
      // The server's known reasons are the ones with an `error_` string of their own.
      const key = `error_${s?.error ?? 'network'}`;
      this._status = this._t(key in FLASH_SALE_STRINGS ? key : 'failed');
    }
  }

  private _t(key: string, vars?: Record<string, string | number>) {
    return text(FLASH_SALE_STRINGS, this.strings, key, vars);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'af-flash-sale': AfFlashSale;
  }
}

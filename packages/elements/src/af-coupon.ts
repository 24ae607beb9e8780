import { css, html, nothing } from 'lit';
import { SafeElement } from './safe-element';
import { $runtime, type CouponOffer, type CouponsConnector, type CouponsState, type PromotionEvents, type Runtime } from '@affinity/core';
import { formatDate, formatMoney, localeOf } from './format';
import { ImpressionController } from './impressions';
import { discountText } from './promo-text';
import { StoreController } from './store-controller';
import { stringsProperty, text, type Strings } from './strings';
import { base } from './styles';

const REASONS = ['per_visitor_cap', 'cap_reached', 'not_eligible', 'not_new_customer', 'ended', 'network'];

/**
 * English defaults of `<af-coupon>`'s `strings`: its labels, the claim results and refusals (by
 * the server's reason), plus the discount wording keys of `DISCOUNT_STRINGS`.
 */
export const COUPON_STRINGS: Strings = {
  label: 'Offers',
  claim: 'Get my code',
  copy: 'Copy code',
  copied: 'Code {code} copied.',
  code: 'Your code is {code}.',
  issued: 'Your code is {code}, valid until {date}.',
  validUntil: 'Valid until {date}',
  until: 'Until {date}',
  minOrder: 'On orders from {amount}',
  failed: 'This offer could not be claimed.',
  per_visitor_cap: 'You already have this offer.',
  cap_reached: 'This offer has run out.',
  not_eligible: 'This offer is not available for you.',
  not_new_customer: 'This offer is for new customers.',
  ended: 'This offer has ended.',
  network: 'We could not reach the store. Please try again.',
};

/**
 * Targeted coupon offers for this shopper (evaluated on the device by core, issued by the
 * server): what the offer is, its conditions and end date, a claim button, then the code with a
 * copy button and its expiry. Claim results are announced politely inside the offer's own box,
 * so nothing moves when they appear. Space for `limit` offers is reserved while loading.
 * Amounts are in `currency`, else the store's (see `Runtime.currency`). Every string can be
 * replaced through `strings` (see {@link COUPON_STRINGS}).
 *
 * ```html
 * <af-coupon limit="1" heading="A treat for you"></af-coupon>
 * ```
 *
 * @fires af-claim - a code was issued; `detail`: the claimed coupon
 * @csspart offer - @csspart title - @csspart discount - @csspart condition - @csspart expiry
 * @csspart claim - @csspart code - @csspart copy - @csspart status
 * @cssprop --af-coupon-height - height of one offer (default 12em), skeleton included
 */
export class AfCoupon extends SafeElement {
  static override styles = [
    base,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--_gap);
      }
      .offer {
        border: 1px dashed var(--_muted);
        border-radius: var(--_radius);
        padding: var(--_gap);
        /* A fixed height: the skeleton and every offer take the same space, so nothing moves. */
        height: var(--af-coupon-height, 12em);
        overflow: hidden;
        box-sizing: border-box;
        display: flex;
        flex-direction: column;
      }
      /* Inside the fixed-height offer, at its foot: a result appearing moves nothing. */
      [role='status'] {
        margin: auto 0 0;
        min-height: 1.3em;
      }
      .offer.skeleton {
        background: var(--_skeleton);
        border-color: transparent;
      }
      .unused {
        visibility: hidden;
      }
      p {
        margin: 0 0 0.3em;
      }
      [part='title'] {
        font-weight: 600;
      }
      [part='discount'] {
        font-size: 1.25em;
        color: var(--_accent);
      }
      [part='condition'],
      [part='expiry'] {
        color: var(--_muted);
        font-size: 0.9em;
      }
      code {
        font-size: 1.1em;
        letter-spacing: 0.05em;
        padding: 0.2em 0.4em;
        border-radius: 4px;
        background: var(--_skeleton);
      }
    `,
  ];

  static override properties = {
    limit: { type: Number },
    heading: {},
    currency: {},
    collapseEmpty: { type: Boolean, attribute: 'collapse-empty' },
    strings: stringsProperty,
    _busy: { state: true },
    _status: { state: true },
  };

  /** Offers shown at most (and reserved while loading). Default 1. */
  declare limit: number;
  declare heading: string | undefined;
  /** Currency of amounts (default: the store's, from its catalog; a plain number when unknown). */
  declare currency: string | undefined;
  /** Replacements of the English strings, by key (see {@link COUPON_STRINGS}). */
  declare strings: Strings | undefined;
  /** Collapse to nothing when there is no offer (default: keep the reserved space). */
  declare collapseEmpty: boolean;
  declare private _busy: string;
  /** The last claim or copy result, and the offer (campaign id) it is about. */
  declare private _status: { id: string; text: string };

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private readonly _state = new StoreController<CouponsState>(this);
  private _coupons: CouponsConnector | undefined;
  private _promos: PromotionEvents | undefined;
  private _bound: Runtime | undefined;
  protected readonly _impressions = new ImpressionController(this, (els) => {
    for (const el of els) {
      const offer = this._offers()[Number((el as HTMLElement).dataset.afIndex)];
      if (!offer) continue;
      this._promos?.seen(this._ref(offer));
      this._coupons?.seen(offer.campaign.id);
    }
  });

  constructor() {
    super();
    this.limit = 1;
    this.collapseEmpty = false;
    this._busy = '';
    this._status = { id: '', text: '' };
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const rt = this._runtime.value;
    if (rt && (rt !== this._bound || changed.has('limit'))) {
      this._bound = rt;
      this._coupons = rt.coupons({ limit: this._limit });
      this._promos = rt.promotionEvents('coupons');
      this._state.store = this._coupons?.$state;
    }
  }

  private get _limit() {
    const n = Math.floor(Number(this.limit));
    return n > 0 ? Math.min(n, 10) : 1;
  }

  private _offers(): CouponOffer[] {
    return this._state.value?.offers.slice(0, this._limit) ?? [];
  }

  private _ref(o: CouponOffer) {
    return { id: o.campaign.id, name: o.campaign.title, slot: 'af-coupon' };
  }

  override render() {
    if (this._bound && !this._coupons) return nothing; // no server: no codes to offer
    const s = this._state.value;
    const loading = !s || s.loading;
    const offers = this._offers();
    if (!loading && !offers.length && this.collapseEmpty) return nothing;
    const locale = localeOf(this);
    const slots = Array.from({ length: this._limit }, (_, i) => i);
    return html`<section aria-busy=${loading ? 'true' : 'false'} aria-label=${this.heading || this._t('label')}>
      ${this.heading ? html`<h2 part="heading">${this.heading}</h2>` : nothing}
      <ul role="list">
        ${slots.map((i) => {
          const o = offers[i];
          if (!o) return html`<li class="offer ${loading ? 'skeleton' : 'unused'}" part="offer" aria-hidden="true"></li>`;
          return this._offer(o, i, locale);
        })}
      </ul>
    </section>`;
  }

  private _t(key: string, vars?: Record<string, string | number>) {
    return text(COUPON_STRINGS, this.strings, key, vars);
  }

  private get _currency() {
    return this.currency || this._bound?.currency();
  }

  private _offer(o: CouponOffer, index: number, locale: string | undefined) {
    const c = o.campaign;
    const currency = this._currency;
    return html`<li class="offer" part="offer" data-af-index=${index}>
      <p part="title">${c.title}</p>
      <p part="discount">${discountText(o.claimed?.discount ?? c.discount, locale, currency, this.strings)}</p>
      ${c.description ? html`<p part="condition">${c.description}</p>` : nothing}
      ${c.minOrder ? html`<p part="condition">${this._t('minOrder', { amount: formatMoney(c.minOrder, locale, currency) })}</p>` : nothing}
      ${o.claimed
        ? html`<p>
              <code part="code">${o.claimed.code}</code>
              <button part="copy" @click=${() => this._copy(o)}>${this._t('copy')}</button>
            </p>
            <p part="expiry">${this._t('validUntil', { date: formatDate(o.claimed.expiresAt, locale) })}</p>`
        : html`${c.endsAt ? html`<p part="expiry">${this._t('until', { date: formatDate(c.endsAt, locale) })}</p>` : nothing}
            <button part="claim" ?disabled=${this._busy === c.id} @click=${() => this._claim(o)}>${this._t('claim')}</button>`}
      <p part="status" role="status" aria-live="polite">${this._status.id === c.id ? this._status.text : ''}</p>
    </li>`;
  }

  private async _claim(o: CouponOffer) {
    if (!this._coupons || this._busy) return;
    const id = o.campaign.id;
    this._busy = id;
    this._status = { id, text: '' };
    this._promos?.select(this._ref(o));
    const coupon = await this._coupons.claim(id);
    this._busy = '';
    if (coupon) {
      this._status = { id, text: this._t('issued', { code: coupon.code, date: formatDate(coupon.expiresAt, localeOf(this)) }) };
      this.dispatchEvent(new CustomEvent('af-claim', { detail: coupon, bubbles: true, composed: true }));
    } else {
      const reason = this._state.value?.error ?? 'network';
      // Only the server's known reasons are looked up: a reason is never a key into other strings.
      this._status = { id, text: this._t(REASONS.includes(reason) ? reason : 'failed') };
    }
  }

  private async _copy(o: CouponOffer) {
    const code = o.claimed?.code;
    if (!code) return;
    const id = o.campaign.id;
    try {
      await navigator.clipboard.writeText(code);
      this._status = { id, text: this._t('copied', { code }) };
    } catch {
      this._status = { id, text: this._t('code', { code }) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'af-coupon': AfCoupon;
  }
}

import { css, html, nothing } from 'lit';
import { SafeElement } from './safe-element';
import { $runtime, claimGroupOffer, createShareLink, joinGroupOffer, landReferral, tokenIn, withoutToken, type GroupRound, type LandingResult, type Runtime } from '@affinity/core';
import { formatDate, localeOf } from './format';
import { StoreController } from './store-controller';
import { base } from './styles';

const LANDING_REFUSALS: Record<string, string> = {
  self_referral: 'This is your own share link: send it to a friend.',
  already_referred: 'You were already welcomed through another link.',
  not_new_shopper: 'Welcome back! Referral gifts are for new shoppers.',
};

/** One landing per page load, however many share buttons the page has. */
let landing: Promise<LandingResult> | undefined;

/**
 * A share button for a product. It asks the server for the shopper's referral link (an opaque
 * random token in the URL, never the shopper's id) and shares it with the Web Share API, falling
 * back to copying it (and showing it, when copying is not allowed).
 *
 * On the page a shared link opens, the element records the visit as a referral (once per page
 * load): a new shopper is told about their welcome code; the sharer stays anonymous.
 *
 * With `group-offer`, the element also runs a group offer (team purchase) behind the link: the
 * sharer and everyone opening the link join its round, see how many have joined, and get the
 * discount's code once enough shoppers did (the server counts).
 *
 * ```html
 * <af-share product-id="sku-1"></af-share>
 * <af-share product-id="sku-1" group-offer="team3"></af-share>
 * <af-share product-id="sku-1" program="friends" customer="c-42" signature="…"></af-share>
 * ```
 *
 * @fires af-share - a link was shared or copied; `detail: { url, method: 'share' | 'copy' | 'shown' }`
 * @fires af-referral - the landing was recorded; `detail` is the server's result (welcome code or refusal)
 * @csspart button - @csspart link - @csspart status - @csspart welcome - @csspart group - @csspart group-claim
 */
export class AfShare extends SafeElement {
  static override styles = [
    base,
    css`
      input {
        font: inherit;
        width: 100%;
      }
      [part='welcome'] {
        border: 1px dashed var(--_accent);
        padding: 0.5em;
      }
    `,
  ];

  static override properties = {
    productId: { attribute: 'product-id' },
    program: {},
    customer: {},
    signature: {},
    endpoint: {},
    label: {},
    groupOffer: { attribute: 'group-offer' },
    _round: { state: true },
    _status: { state: true },
    _shown: { state: true },
    _welcome: { state: true },
    _busy: { state: true },
  };

  /** The product shared (its catalog URL is shared; the current page otherwise). */
  declare productId: string | undefined;
  /** Referral program id; default the site's first. */
  declare program: string | undefined;
  /** Identified sharer, for programs that reward points (from the merchant's backend). */
  declare customer: string | undefined;
  declare signature: string | undefined;
  /** Affinity server origin; default the runtime's (the drop-in script's `data-endpoint`), else the page's origin. */
  declare endpoint: string | undefined;
  /** Button text; default "Share". */
  declare label: string | undefined;
  /** Group offer id run behind the shared link (optional). */
  declare groupOffer: string | undefined;
  declare private _round: GroupRound | undefined;
  private _groupToken: string | undefined;
  declare private _status: string;
  declare private _shown: string | undefined;
  declare private _welcome: string | undefined;
  declare private _busy: boolean;

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private _landed = false;

  constructor() {
    super();
    this._status = '';
    this._busy = false;
  }

  override willUpdate(): void {
    const rt = this._runtime.value;
    if (!rt || this._landed) return;
    this._landed = true;
    const arrivedWith = tokenIn(location.href);
    if (arrivedWith && this.groupOffer) void this._join(arrivedWith);
    landing ??= landReferral({ endpoint: this._endpoint(), site: rt.affinity.site, url: location.href, affinity: rt.affinity, customer: this.customer || undefined, signature: this.signature || undefined }).then((r) => {
      // The token has done its job: keep it out of the address bar so it is not shared onwards.
      if (r.kind !== 'none') history.replaceState(history.state, '', withoutToken(location.href));
      return r;
    });
    void landing.then((r) => this._showLanding(r));
  }

  override render() {
    return html`<button part="button" type="button" ?disabled=${this._busy} @click=${this._share}>${this.label || 'Share'}</button>
      ${this._shown ? html`<input part="link" readonly aria-label="Your share link" .value=${this._shown} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />` : nothing}
      ${this._welcome ? html`<p part="welcome">${this._welcome}</p>` : nothing}
      ${this._round ? this._renderRound(this._round) : nothing}
      <p part="status" role="status" aria-live="polite">${this._status}</p>`;
  }

  private _renderRound(r: GroupRound) {
    const left = Math.max(0, r.size - r.members);
    const until = r.closesAt ? ` by ${formatDate(r.closesAt, localeOf(this))}` : '';
    return html`<p part="group" aria-live="polite">
      ${r.offer.title}: ${r.members} of ${r.size} shoppers joined.
      ${r.unlocked ? 'Unlocked!' : `${left} more needed${until}.`}
      ${r.unlocked && r.member ? html`<button part="group-claim" type="button" @click=${this._claimGroup}>Get my group code</button>` : nothing}
    </p>`;
  }

  private async _join(token: string) {
    const rt = this._runtime.value;
    if (!rt || !this.groupOffer) return;
    this._groupToken = token;
    const r = await joinGroupOffer({ endpoint: this._endpoint(), site: rt.affinity.site, id: this.groupOffer, token, visitor: rt.affinity.visitorId });
    if (r.ok) this._round = r.round;
    else if (r.reason === 'closed') this._status = 'This group has closed.';
  }

  private async _claimGroup() {
    const rt = this._runtime.value;
    if (!rt || !this.groupOffer || !this._groupToken) return;
    const r = await claimGroupOffer({ endpoint: this._endpoint(), site: rt.affinity.site, id: this.groupOffer, token: this._groupToken, visitor: rt.affinity.visitorId });
    this._status = r.ok ? `Your group code: ${r.code} (until ${formatDate(r.expiresAt, localeOf(this))}).` : 'No code yet. Please try again.';
  }

  private _endpoint(): string {
    return this.endpoint || this._runtime.value?.endpoint || location.origin;
  }

  private _showLanding(r: LandingResult) {
    if (r.kind === 'none') return;
    if (r.kind === 'welcomed') {
      const w = r.welcome;
      this._welcome = w ? `Welcome! A gift from a friend: ${w.title}. Your code: ${w.code} (until ${formatDate(w.expiresAt, localeOf(this))}).` : '';
    } else this._welcome = LANDING_REFUSALS[r.reason];
    this.dispatchEvent(new CustomEvent('af-referral', { detail: r, bubbles: true, composed: true }));
  }

  private async _share() {
    const rt = this._runtime.value;
    if (!rt || this._busy) return;
    this._busy = true;
    this._status = '';
    const product = this.productId ? rt.catalog.get(this.productId) : undefined;
    const page = product?.url ? new URL(product.url, location.href).toString() : withoutToken(location.href);
    const link = await createShareLink({
      endpoint: this._endpoint(),
      site: rt.affinity.site,
      visitor: rt.affinity.visitorId,
      url: page,
      program: this.program || undefined,
      customer: this.customer || undefined,
      signature: this.signature || undefined,
    });
    this._busy = false;
    if (!link.ok) {
      this._status = link.reason == 'not_identified' ? 'Sign in to share.' : 'Sharing failed. Please try again.';
      return;
    }
    // The sharer starts (or rejoins) the group behind their own link.
    if (this.groupOffer && !this._round) void this._join(link.token);
    const method = await deliver(link.url, product?.title ?? document.title);
    if (method === 'cancelled') return;
    if (method === 'copy') this._status = 'Link copied.';
    if (method === 'shown') this._shown = link.url;
    this.dispatchEvent(new CustomEvent('af-share', { detail: { url: link.url, method }, bubbles: true, composed: true }));
  }
}

/** Share through the system sheet when the browser has one, else copy; `shown` when neither works. */
async function deliver(url: string, title: string): Promise<'share' | 'copy' | 'shown' | 'cancelled'> {
  const data = { title, url };
  if (typeof navigator.share === 'function' && (typeof navigator.canShare !== 'function' || navigator.canShare(data))) {
    try {
      await navigator.share(data);
      return 'share';
    } catch (error) {
      // The shopper closed the sheet: nothing to do. Other failures fall back to copying.
      if ((error as DOMException)?.name === 'AbortError') return 'cancelled';
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    return 'copy';
  } catch {
    return 'shown';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'af-share': AfShare;
  }
}

import { css, html, nothing, type PropertyValues } from 'lit';
import { SafeElement } from './safe-element';
import { $runtime, connectLottery, oddsPercent, revealPath, type LotteryConnector, type LotteryResult, type LotteryState, type Runtime } from '@affinity/core';
import { formatDate, localeOf } from './format';
import { StoreController } from './store-controller';
import { base } from './styles';

const ERRORS: Record<string, string> = {
  insufficient_points: 'Not enough points for a draw yet.',
  sold_out: 'Every prize has been won.',
  not_identified: 'Sign in to play with your points.',
};

/** Milliseconds per highlight step of the reveal (cosmetic only). */
const STEP_MS = 90;

/**
 * A points lottery: the prizes with their odds and stock left (fair play: exactly what the server
 * draws with), the shopper's balance, and a button to spend points on a draw. The **server**
 * draws; this element only animates towards the prize it was given — a short highlight run over
 * the prizes, skipped when the shopper prefers reduced motion — then announces the result in a
 * polite live region.
 *
 * ```html
 * <af-lottery campaign="wheel" customer="c-42" signature="…from your backend…"></af-lottery>
 * ```
 *
 * `customer` and `signature` come from the merchant's backend (the identify signature of
 * `site:customer`); without them the odds are shown and drawing asks the shopper to sign in.
 * `endpoint` defaults to the runtime's (the drop-in script's `data-endpoint`).
 *
 * @fires af-draw - the server's result; `detail.result` (prize and delivery, e.g. a coupon code)
 * @csspart title - @csspart prizes - @csspart prize - @csspart odds - @csspart stock
 * @csspart balance - @csspart draw - @csspart result
 */
export class AfLottery extends SafeElement {
  static override styles = [
    base,
    css`
      .skeleton {
        min-height: 10em;
        background: var(--_skeleton);
      }
      table {
        width: 100%;
        text-align: left;
        font-variant-numeric: tabular-nums;
      }
      .lit {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .won {
        outline: 2px solid var(--_accent);
        font-weight: 600;
      }
      .gone {
        color: var(--_muted);
      }
      [part='title'] {
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    campaign: {},
    customer: {},
    signature: {},
    endpoint: {},
    _lit: { state: true },
    _message: { state: true },
    _won: { state: true },
  };

  /** The lottery's id on the server. */
  declare campaign: string | undefined;
  /** The identified customer (from the merchant's backend). */
  declare customer: string | undefined;
  /** The backend's identify signature of `site:customer`. */
  declare signature: string | undefined;
  /** Affinity server origin; default the runtime's (the drop-in script's `data-endpoint`), else the page's origin. */
  declare endpoint: string | undefined;
  declare private _lit: string | undefined;
  declare private _message: string;
  declare private _won: string | undefined;

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private readonly _state = new StoreController<LotteryState>(this);
  private _lottery: LotteryConnector | undefined;
  private _boundKey = '';
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _revealing = false;

  constructor() {
    super();
    this._message = '';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const rt = this._runtime.value;
    if (!rt || !this.campaign) return;
    const key = [rt.affinity.site, this.campaign, this.customer, this.signature, this.endpoint].join('\n');
    if (key === this._boundKey && !changed.has('campaign')) return;
    this._boundKey = key;
    this._lottery = connectLottery({
      id: this.campaign,
      site: rt.affinity.site,
      endpoint: this.endpoint || rt.endpoint || location.origin,
      customer: this.customer || undefined,
      signature: this.signature || undefined,
    });
    this._state.store = this._lottery.$state;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  override render() {
    if (!this.campaign) return nothing;
    const s = this._state.value;
    if (!s || s.status === 'unavailable') return s ? nothing : html`<div class="box skeleton" aria-busy="true"></div>`;
    if (!s.lottery) return html`<div class="box skeleton" aria-busy="true"></div>`;
    const l = s.lottery;
    const busy = s.status === 'drawing' || this._revealing;
    return html`<section class="box" aria-labelledby="t">
      <p part="title" id="t">${l.title}</p>
      <table part="prizes">
        <caption class="sr-only">
          Prizes, their chance on the next draw and how many are left
        </caption>
        <thead>
          <tr>
            <th scope="col">Prize</th>
            <th scope="col">Chance</th>
            <th scope="col">Left</th>
          </tr>
        </thead>
        <tbody>
          ${l.prizes.map(
            (p) =>
              html`<tr part="prize" data-prize=${p.id} class=${[this._lit === p.id ? 'lit' : '', this._won === p.id && !this._revealing ? 'won' : '', p.odds === 0 ? 'gone' : ''].join(' ').trim()}>
                <td>${p.label}</td>
                <td part="odds">${oddsPercent(p.odds)}</td>
                <td part="stock">${p.remaining === null ? 'unlimited' : p.stock !== null ? `${p.remaining} of ${p.stock}` : String(p.remaining)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${s.balance !== undefined ? html`<p part="balance">Your points: ${s.balance}</p>` : nothing}
      <button part="draw" ?disabled=${busy || s.status === 'sold_out'} @click=${this._draw}>
        ${s.status === 'sold_out' ? 'All prizes won' : `Play for ${l.cost} points`}
      </button>
      <p part="result" role="status" aria-live="polite" aria-atomic="true">${this._message}</p>
    </section>`;
  }

  private async _draw() {
    if (!this._lottery || this._revealing) return;
    clearTimeout(this._timer);
    this._message = '';
    this._won = undefined;
    const result = await this._lottery.draw();
    if (!result) {
      this._message = ERRORS[this._state.value?.error ?? ''] ?? 'The draw did not go through; your points are safe.';
      return;
    }
    const shown = (this._state.value?.lottery?.prizes ?? []).filter((p) => p.odds > 0 || p.id === result.prize.id).map((p) => p.id);
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this._reveal(revealPath(shown, result.prize.id, { reducedMotion: reduced }), result);
  }

  /** Walk the highlight along `path`, then show and announce the result (at once for an empty path). */
  private _reveal(path: string[], result: LotteryResult) {
    this._revealing = path.length > 0;
    const step = (i: number) => {
      if (i < path.length) {
        this._lit = path[i];
        this._timer = setTimeout(() => step(i + 1), STEP_MS);
        return;
      }
      this._revealing = false;
      this._lit = undefined;
      this._won = result.prize.id;
      this._message = resultText(result, localeOf(this));
      this.dispatchEvent(new CustomEvent('af-draw', { detail: { result }, bubbles: true, composed: true }));
    };
    step(0);
  }
}

/** The sentence announcing a draw's result, with what the shopper now has. */
function resultText(r: LotteryResult, locale: string | undefined): string {
  const d = r.delivery;
  if (r.prize.kind === 'none') return `${r.prize.label}. No prize this time.`;
  const won = `You won ${r.prize.label}!`;
  if (d?.kind === 'coupon') return `${won} Your code: ${d.code} (until ${formatDate(d.expiresAt, locale)}).`;
  if (d?.kind === 'points') return `${won} ${d.points} points added.`;
  return won;
}

declare global {
  interface HTMLElementTagNameMap {
    'af-lottery': AfLottery;
  }
}

import { css, html, nothing, type PropertyValues } from 'lit';
import { SafeElement } from './safe-element';
import { $runtime, type Runtime } from '@affinity/core';
import { StoreController } from './store-controller';
import { base } from './styles';

/**
 * Says why an item is shown to this shopper, in plain words ("Matches your interest in Shoes >
 * Running"), behind a keyboard-operable disclosure. Reads the reason from the ranking for
 * `product-id`, or shows the `reason` given (a recommendation card fills it from its item).
 *
 * ```html
 * <af-why product-id="sku-1"></af-why>
 * ```
 *
 * @csspart summary - the "Why this?" toggle
 * @csspart reason - the explanation
 */
export class AfWhy extends SafeElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-block;
        font-size: 0.85em;
      }
      summary {
        cursor: pointer;
        color: var(--_accent);
      }
      [part='reason'] {
        color: var(--_muted);
      }
    `,
  ];

  static override properties = {
    productId: { attribute: 'product-id' },
    reason: {},
    label: {},
  };

  /** The product to explain. */
  declare productId: string | undefined;
  /** A reason to show as is (overrides the ranking's). */
  declare reason: string | undefined;
  /** Text of the toggle. Default "Why this?". */
  declare label: string;

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private readonly _why = new StoreController<string | undefined>(this);
  private _bound: Runtime | undefined;

  constructor() {
    super();
    this.label = 'Why this?';
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const rt = this._runtime.value;
    if (rt && this.productId && (rt !== this._bound || changed.has('productId'))) {
      this._bound = rt;
      this._why.store = rt.why(this.productId);
    }
  }

  override render() {
    const text = this.reason || this._why.value;
    if (!text) return nothing;
    return html`<details>
      <summary part="summary">${this.label}</summary>
      <span part="reason">${text}</span>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'af-why': AfWhy;
  }
}

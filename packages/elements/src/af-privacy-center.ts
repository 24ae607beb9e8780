import { css, html, nothing } from 'lit';
import { SafeElement } from './safe-element';
import { $runtime, connectPrivacy, type PrivacyConnector, type PrivacyState, type Runtime } from '@affinity/core';
import { StoreController } from './store-controller';
import { base } from './styles';
import { stringsProperty, text, type Strings } from './strings';

/** English defaults of `<af-privacy-center>`'s `strings` (the profile facts themselves come from core). */
export const PRIVACY_STRINGS: Strings = {
  switch: 'Personalize my shopping and remember it on this device',
  basedOn: 'Based on: {why}',
  groups: 'Groups you are in',
  nothing: 'Nothing yet: we have not learned anything about your shopping.',
  reset: 'Reset my profile',
  erase: 'Erase all my data',
  confirmErase: 'Yes, erase all my data',
  cancel: 'Cancel',
  on: 'Personalization is on.',
  off: 'Personalization is off and nothing is stored on this device.',
  wasReset: 'Your profile was reset.',
  erased: 'All your data was erased, on this device and on our server.',
};

/**
 * Shows the shopper what this store's personalization knows about them, in plain words with
 * the events behind each line, and gives them the controls: a consent switch, reset the
 * profile, and erase everything (here and on the server). Results are announced politely.
 *
 * ```html
 * <af-privacy-center heading="Your shopping profile"></af-privacy-center>
 * ```
 *
 * @fires af-privacy - after a change; `detail.action` is `consent`, `reset` or `erase`
 * @csspart heading - @csspart switch - @csspart facts - @csspart fact - @csspart why
 * @csspart actions - @csspart reset - @csspart erase - @csspart status
 */
export class AfPrivacyCenter extends SafeElement {
  static override styles = [
    base,
    css`
      dl {
        margin: 0 0 var(--_gap);
      }
      dt {
        font-weight: 600;
        margin-top: var(--_gap);
      }
      dd {
        margin: 0;
      }
      .why {
        display: block;
        color: var(--_muted);
        font-size: 0.85em;
      }
      [role='switch'] {
        background: transparent;
        color: inherit;
        padding: 0;
        display: inline-flex;
        gap: 0.5em;
        align-items: center;
      }
      .track {
        width: 2.5em;
        height: 1.4em;
        border-radius: 1em;
        background: var(--_muted);
        position: relative;
      }
      .track::after {
        content: '';
        position: absolute;
        top: 0.2em;
        left: 0.2em;
        width: 1em;
        height: 1em;
        border-radius: 50%;
        background: var(--_bg);
      }
      [aria-checked='true'] .track {
        background: var(--_accent);
      }
      [aria-checked='true'] .track::after {
        left: 1.3em;
      }
      @media (prefers-reduced-motion: no-preference) {
        .track::after {
          transition: left 0.15s;
        }
      }
      .actions {
        display: flex;
        gap: var(--_gap);
        flex-wrap: wrap;
      }
      [role='status'] {
        min-height: 1.3em;
      }
      .secondary {
        background: transparent;
        color: var(--_accent);
        border: 1px solid currentColor;
      }
    `,
  ];

  static override properties = {
    heading: {},
    strings: stringsProperty,
    _confirming: { state: true },
    _status: { state: true },
  };

  /** Visible heading. Default "What we know about your shopping". */
  declare heading: string;
  /** Replacements of the English strings, by key (see {@link PRIVACY_STRINGS}). */
  declare strings: Strings | undefined;
  declare private _confirming: boolean;
  declare private _status: string;

  private readonly _runtime = new StoreController<Runtime | undefined>(this, $runtime);
  private readonly _state = new StoreController<PrivacyState>(this);
  private _privacy: PrivacyConnector | undefined;

  constructor() {
    super();
    this.heading = 'What we know about your shopping';
    this._confirming = false;
    this._status = '';
  }

  override willUpdate(): void {
    const rt = this._runtime.value;
    if (rt && rt !== this._bound) {
      this._bound = rt;
      this._privacy = connectPrivacy({ affinity: rt.affinity, profile: rt.profile });
      this._state.store = this._privacy.$state;
    }
  }

  private _bound: Runtime | undefined;

  override render() {
    const s = this._state.value;
    const on = s?.consent === 'granted';
    return html`<section aria-labelledby="h">
      <h2 id="h" part="heading">${this.heading}</h2>
      <button part="switch" role="switch" aria-checked=${on ? 'true' : 'false'} ?disabled=${!s} @click=${this._toggle}>
        <span class="track"></span><span>${this._t('switch')}</span>
      </button>
      ${!s
        ? nothing
        : s.facts.length
          ? html`<dl part="facts">
              ${s.facts.map(
                (f) => html`<dt part="fact">${f.label}</dt>
                  <dd>${f.value}${f.why ? html`<span class="why" part="why">${this._t('basedOn', { why: f.why })}</span>` : nothing}</dd>`,
              )}
              ${s.segments.length ? html`<dt part="fact">${this._t('groups')}</dt><dd>${s.segments.join(', ')}</dd>` : nothing}
            </dl>`
          : html`<p part="facts">${this._t('nothing')}</p>`}
      <div class="actions" part="actions">
        <button part="reset" class="secondary" ?disabled=${!s} @click=${this._reset}>${this._t('reset')}</button>
        ${this._confirming
          ? html`<button part="erase" @click=${this._erase}>${this._t('confirmErase')}</button>
              <button class="secondary" @click=${() => (this._confirming = false)}>${this._t('cancel')}</button>`
          : html`<button part="erase" class="secondary" ?disabled=${!s} @click=${() => (this._confirming = true)}>${this._t('erase')}</button>`}
      </div>
      <p part="status" role="status" aria-live="polite">${this._status}</p>
    </section>`;
  }

  private _toggle() {
    const next = this._state.value?.consent === 'granted' ? 'denied' : 'granted';
    this._privacy?.setConsent(next);
    this._status = this._t(next === 'granted' ? 'on' : 'off');
    this._done('consent');
  }

  private async _reset() {
    await this._privacy?.reset();
    this._status = this._t('wasReset');
    this._done('reset');
  }

  private async _erase() {
    this._confirming = false;
    await this._privacy?.erase();
    this._status = this._t('erased');
    this._done('erase');
  }

  private _t(key: string, vars?: Record<string, string>) {
    return text(PRIVACY_STRINGS, this.strings, key, vars);
  }

  private _done(action: string) {
    this.dispatchEvent(new CustomEvent('af-privacy', { detail: { action }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'af-privacy-center': AfPrivacyCenter;
  }
}

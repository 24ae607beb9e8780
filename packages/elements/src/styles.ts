import { css } from 'lit';

/**
 * Defaults every element shares: colours, spacing and fonts come from CSS custom properties
 * (`--af-color-text`, `--af-color-bg`, `--af-color-accent`, `--af-color-muted`, `--af-radius`,
 * `--af-gap`, `--af-font`), with light and dark values chosen by `prefers-color-scheme`.
 * Constructable stylesheets, so a strict CSP without `unsafe-inline` styles still applies them.
 */
export const base = css`
  :host {
    --_text: var(--af-color-text, #1a1a1a);
    --_bg: var(--af-color-bg, #ffffff);
    --_muted: var(--af-color-muted, #5c5c5c);
    --_accent: var(--af-color-accent, #0b57d0);
    --_on-accent: var(--af-color-on-accent, #ffffff);
    --_skeleton: var(--af-color-skeleton, #ececec);
    --_radius: var(--af-radius, 8px);
    --_gap: var(--af-gap, 12px);
    display: block;
    color: var(--_text);
    font: var(--af-font, inherit);
    contain: layout;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--af-color-text, #f1f1f1);
      --_bg: var(--af-color-bg, #1e1e1e);
      --_muted: var(--af-color-muted, #b5b5b5);
      --_accent: var(--af-color-accent, #8ab4f8);
      --_on-accent: var(--af-color-on-accent, #0b1a33);
      --_skeleton: var(--af-color-skeleton, #2c2c2c);
    }
  }
  :host([hidden]) {
    display: none;
  }
  button {
    font: inherit;
    cursor: pointer;
    border: 0;
    border-radius: var(--_radius);
    padding: 0.5em 1em;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: af-pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes af-pulse {
    to {
      opacity: 0.55;
    }
  }
`;

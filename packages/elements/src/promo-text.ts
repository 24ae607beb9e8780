import type { Discount } from '@affinity/core';
import { formatMoney } from './format';
import { text, type Strings } from './strings';

/** English wording of discounts; keys a `strings` table may override. */
export const DISCOUNT_STRINGS: Strings = {
  percentOff: '{value}% off',
  upTo: '{text} (up to {amount})',
  amountOff: '{amount} off',
  freeShipping: 'Free shipping',
  tierOff: '{off} off {min}',
};

/**
 * A discount in plain words, money in the page's locale; `strings` overrides the wording.
 *
 * @example discountText({ type: 'percent', value: 10 }, 'en', 'EUR') // "10% off"
 */
export function discountText(d: Discount, locale: string | undefined, currency: string | undefined, strings?: Strings): string {
  const money = (n: number) => formatMoney(n, locale, currency);
  const t = (key: string, vars: Record<string, string | number>) => text(DISCOUNT_STRINGS, strings, key, vars);
  // Server data: a malformed discount shows nothing rather than break the page.
  switch (d?.type) {
    case 'percent': {
      const off = t('percentOff', { value: d.value });
      return d.max ? t('upTo', { text: off, amount: money(d.max) }) : off;
    }
    case 'amount':
      return t('amountOff', { amount: money(d.value) });
    case 'free_shipping':
      return t('freeShipping', {});
    case 'tiers':
      return Array.isArray(d.tiers) ? d.tiers.map((x) => t('tierOff', { off: money(x?.off), min: money(x?.min) })).join(' · ') : '';
  }
  return '';
}

/**
 * A countdown as the shopper reads it: `2 d 03:04:05`, `03:04:05`, `04:05`.
 *
 * @example countdownText(3_723_000) // "01:02:03"
 */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${h || d ? `${two(h)}:` : ''}${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return d ? `${d} d ${clock}` : clock;
}

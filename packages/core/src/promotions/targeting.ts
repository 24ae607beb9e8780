import type { Profile } from '../profile/types';
import type { Item } from '../types';
import type { CampaignTarget, CartContext, DateWindow } from './types';

const DAY = 86_400_000;
const MONTH_DAY = /^(\d\d)-(\d\d)$/;
const CATEGORY_KEYS = ['item_category', 'item_category2', 'item_category3', 'item_category4', 'item_category5'] as const;

/** Everything targeting can look at; only what the caller knows needs to be given. */
export interface TargetContext {
  now: number;
  profile?: Profile;
  /** Merchant segments the shopper is in. */
  segments?: readonly string[];
  cart?: CartContext;
  channel?: string;
  /** The shopper's birthday as `MM-DD`, when the merchant supplies it. */
  birthday?: string;
}

/**
 * Whether a campaign's target matches the shopper. Profile conditions fail without a profile;
 * a missing cart counts as empty.
 *
 * @example
 * matchesTarget({ lifecycle: ['dormant', 'churned'] }, { now: Date.now(), profile }); // true for a lapsed shopper
 */
export function matchesTarget(t: CampaignTarget | undefined, ctx: TargetContext): boolean {
  if (!t) return true;
  const p = ctx.profile;
  const has = <T>(list: readonly T[] | undefined, value: T | undefined) => !list || (value !== undefined && list.includes(value));
  return (
    has(t.lifecycle, p?.lifecycle) &&
    has(t.rfm, p?.rfm.segment) &&
    has(t.priceSensitivity, p?.tags.priceSensitivity) &&
    has(t.channels, ctx.channel ?? 'web') &&
    (!t.segments || t.segments.some((s) => ctx.segments?.includes(s))) &&
    (!t.dates || inDateWindows(t.dates, ctx.now)) &&
    (!t.birthday || nearBirthday(ctx.birthday, ctx.now, t.birthday.daysBefore ?? 0, t.birthday.daysAfter ?? 0)) &&
    cartMatches(t, ctx.cart ?? { value: 0, items: [] }, p?.tags.favouriteCategories)
  );
}

/**
 * Whether the cart (and, for categories, the shopper's favourite categories) satisfies the
 * cart conditions of a target. The server runs this against the real order at redemption.
 *
 * @example
 * cartMatches({ cartValue: { min: 50 } }, { value: 60, items: [] }); // true
 */
export function cartMatches(t: CampaignTarget, cart: CartContext, favourites: readonly string[] = []): boolean {
  const v = t.cartValue;
  if (v && ((v.min !== undefined && cart.value < v.min) || (v.max !== undefined && cart.value > v.max))) return false;
  if (t.cartItems && !cart.items.some((i) => t.cartItems!.includes(i.item_id))) return false;
  if (t.categories) {
    const paths = [...cart.items.map(categoryPath), ...favourites].map((c) => c.toLowerCase());
    const wanted = t.categories.map((c) => c.toLowerCase());
    if (!paths.some((path) => wanted.some((w) => path === w || path.startsWith(w + ' > ') || path.split(' > ').includes(w)))) return false;
  }
  return true;
}

/** An item's category path, `Shoes > Running`. */
export function categoryPath(item: Item): string {
  return CATEGORY_KEYS.map((k) => item[k]).filter(Boolean).join(' > ');
}

/**
 * Whether `now` falls in any window. `MM-DD` windows repeat every year and may wrap over new
 * year (`12-20`…`01-05`); other bounds are ISO dates (a bare date ends at the end of that day).
 *
 * @example
 * inDateWindows([{ from: '11-24', to: '11-30' }], Date.UTC(2026, 10, 27)); // true
 */
export function inDateWindows(windows: readonly DateWindow[], now: number): boolean {
  return windows.some((w) => {
    const a = MONTH_DAY.exec(w.from);
    const b = MONTH_DAY.exec(w.to);
    if (a && b) {
      const d = new Date(now);
      const today = (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
      const from = Number(a[1]) * 100 + Number(a[2]);
      const to = Number(b[1]) * 100 + Number(b[2]);
      return from <= to ? today >= from && today <= to : today >= from || today <= to;
    }
    const from = Date.parse(w.from);
    const to = Date.parse(w.to) + (/^\d{4}-\d\d-\d\d$/.test(w.to) ? DAY - 1 : 0);
    return now >= from && now <= to;
  });
}

function nearBirthday(birthday: string | undefined, now: number, before: number, after: number): boolean {
  const m = birthday ? MONTH_DAY.exec(birthday) : null;
  if (!m) return false;
  const year = new Date(now).getUTCFullYear();
  return [year - 1, year, year + 1].some((y) => {
    const day = Date.UTC(y, Number(m[1]) - 1, Number(m[2]));
    return now >= day - before * DAY && now < day + (after + 1) * DAY;
  });
}

import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import type { Profile } from '../profile/types';
import type { ConsentState, KeyValueStore } from '../types';
import { pickFetch, promoRequest } from './request';
import { createServerClock, type ServerClock } from './server-clock';
import { matchesTarget } from './targeting';
import type { Campaign, CartContext, Discount } from './types';

/** A code the server issued to this shopper, remembered on the device. */
export interface ClaimedCoupon {
  code: string;
  campaign: string;
  title: string;
  discount: Discount;
  expiresAt: number;
}

/** One offer to show now, with the shopper's code once claimed. */
export interface CouponOffer {
  campaign: Campaign;
  claimed?: ClaimedCoupon;
}

/** What a coupon renderer shows. */
export interface CouponsState {
  loading: boolean;
  /** Best first (priority, then the order the server listed them). */
  offers: CouponOffer[];
  /** Every still-valid code this shopper holds. */
  claimed: ClaimedCoupon[];
  /** The last refusal or failure (`per_visitor_cap`, `not_new_customer`, `network`…). */
  error?: string;
}

/** Options of {@link connectCoupons}. */
export interface CouponsOptions {
  /** The SDK instance: its visitor id, persisted state and consent. */
  source: { readonly visitorId: string; readonly state: KeyValueStore; readonly $consent?: ReadableAtom<ConsentState> };
  /** The live profile (`createProfile`): targeting is evaluated against it, on the device. */
  profile: { readonly $profile: ReadableAtom<Profile>; readonly $segments: ReadableAtom<string[]> };
  endpoint: string;
  site: string;
  /** The cart, for cart-value and cart-content targeting; empty when omitted. */
  cart?: ReadableAtom<CartContext>;
  /** Channel this page is, for channel targeting. Default `web`. */
  channel?: string;
  /** The shopper's birthday `MM-DD`, when the merchant knows it. */
  birthday?: string;
  /** At most this many offers. Default 3. */
  limit?: number;
  clock?: ServerClock;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  now?: () => number;
}

/** The coupons store and its actions. */
export interface CouponsConnector {
  readonly $state: ReadableAtom<CouponsState>;
  /** Ask the server for this shopper's code; remembered on the device. Never throws. */
  claim(campaignId: string): Promise<ClaimedCoupon | undefined>;
  /** Count one display of an offer toward its frequency cap (once per page per offer). */
  seen(campaignId: string): void;
  /** Re-read the campaigns from the server. */
  refresh(): Promise<void>;
}

const CLAIMED_KEY = 'promo:claimed';
const VIEWS_KEY = 'promo:views';
const HOUR = 3_600_000;

/**
 * A headless coupon widget: the campaigns the server publishes, filtered on the device by the
 * shopper's profile, segments, cart, channel, dates and caps, with a claim action that asks the
 * server for a signed code. The browser decides only what to show; the server decides what is
 * valid. No network while consent is denied.
 *
 * @example
 * const coupons = connectCoupons({ source: affinity, profile, endpoint, site: 'shop' });
 * coupons.$state.subscribe(({ offers }) => render(offers));
 * await coupons.claim('welcome10'); // offers[0].claimed.code
 */
export function connectCoupons(options: CouponsOptions): CouponsConnector {
  const localNow = options.now ?? Date.now;
  const clock = options.clock ?? createServerClock(localNow);
  const fetcher = pickFetch(options.fetch);
  const { source, profile } = options;
  const url = (path: string) => `${options.endpoint.replace(/\/$/, '')}${path}`;
  const $campaigns = atom<Campaign[] | undefined>(undefined);
  const $claimed = atom<ClaimedCoupon[]>([]);
  const $views = atom<Record<string, number[]>>({});
  const $error = atom<string | undefined>(undefined);
  const shown = new Set<string>();
  const denied = () => source.$consent?.get() === 'denied';
  const stores = [$campaigns, $claimed, $views, $error, profile.$profile, profile.$segments, ...(options.cart ? [options.cart] : [])] as const;

  const $state = computed(stores as unknown as ReadableAtom<unknown>[], (): CouponsState => {
    const campaigns = $campaigns.get();
    const now = clock.now();
    const claimed = $claimed.get().filter((c) => c.expiresAt > now);
    if (!campaigns) return { loading: !denied(), offers: [], claimed, error: $error.get() };
    const ctx = { now, profile: profile.$profile.get(), segments: profile.$segments.get(), cart: options.cart?.get(), channel: options.channel, birthday: options.birthday };
    const offers: CouponOffer[] = [];
    for (const c of campaigns) {
      const mine = claimed.find((x) => x.campaign === c.id);
      if (mine) {
        offers.push({ campaign: c, claimed: mine });
        continue;
      }
      if (c.kind === 'points_exchange' || (c.startsAt ?? 0) > now || (c.endsAt ?? Infinity) <= now) continue;
      if (c.kind === 'welcome' && ctx.profile.orders.count > 0) continue;
      if (!matchesTarget(c.target, ctx)) continue;
      const views = ($views.get()[c.id] ?? []).filter((t) => c.display && t > now - c.display.hours * HOUR);
      if (c.display && views.length >= c.display.views && !shown.has(c.id)) continue;
      offers.push({ campaign: c });
    }
    offers.sort((a, b) => b.campaign.priority - a.campaign.priority);
    return { loading: false, offers: offers.slice(0, options.limit ?? 3), claimed, error: $error.get() };
  });

  const load = async () => {
    try {
      const [claimed, views] = await Promise.all([source.state.get<ClaimedCoupon[]>(CLAIMED_KEY), source.state.get<Record<string, number[]>>(VIEWS_KEY)]);
      if (Array.isArray(claimed)) $claimed.set(claimed);
      if (views && typeof views === 'object') $views.set(views);
    } catch {
      // Unreadable local state: offers still work, caps start over.
    }
  };

  const refresh = async () => {
    if (!fetcher || denied()) return;
    const r = await promoRequest(fetcher, clock, localNow, url(`/v1/campaigns?site=${encodeURIComponent(options.site)}`));
    if (r.status === 200 && Array.isArray(r.body.campaigns)) {
      $campaigns.set(r.body.campaigns as Campaign[]);
      $error.set(undefined);
    } else {
      $campaigns.set($campaigns.get() ?? []);
      $error.set(String(r.body.reason ?? 'network'));
    }
  };

  const claim = async (campaignId: string): Promise<ClaimedCoupon | undefined> => {
    if (!fetcher || denied()) return undefined;
    const r = await promoRequest(fetcher, clock, localNow, url('/v1/coupons/claim'), {
      site: options.site,
      visitor: source.visitorId,
      campaign: campaignId,
      channel: options.channel ?? 'web',
    });
    if (r.status !== 200 && r.status !== 201) {
      $error.set(String(r.body.reason ?? 'network'));
      return undefined;
    }
    const b = r.body as unknown as ClaimedCoupon;
    const coupon: ClaimedCoupon = { code: b.code, campaign: b.campaign, title: b.title, discount: b.discount, expiresAt: b.expiresAt };
    const next = [...$claimed.get().filter((c) => c.campaign !== coupon.campaign && c.expiresAt > clock.now()), coupon];
    $claimed.set(next);
    $error.set(undefined);
    await source.state.set(CLAIMED_KEY, next).catch(() => undefined);
    return coupon;
  };

  const seen = (campaignId: string) => {
    if (shown.has(campaignId)) return;
    shown.add(campaignId);
    const now = clock.now();
    const all = { ...$views.get() };
    // Keep a bounded history: the longest display window any merchant sets is well under 30 days.
    all[campaignId] = [...(all[campaignId] ?? []).filter((t) => t > now - 30 * 24 * HOUR), now].slice(-50);
    $views.set(all);
    void source.state.set(VIEWS_KEY, all).catch(() => undefined);
  };

  onMount($state, () => {
    void load().then(refresh);
    // Consent granted after the page loaded: fetch the offers then.
    return source.$consent?.listen((c) => {
      if (c !== 'denied' && !$campaigns.get()) void refresh();
    });
  });

  return { $state, claim, seen, refresh };
}

import type { ClaimedCoupon, ConsentState, CouponsState, FlashSaleState, PrivacyConnector, PrivacyState, Product, Profile, RecommendationsState, RankedListOptions, RuntimeRecommendationsOptions } from '@affinity/core';
import { connectPrivacy } from '@affinity/core';
import { useStore } from '@nanostores/preact';
import { atom } from 'nanostores';
import { useCallback, useMemo } from 'preact/hooks';
import { useRuntime, useRuntimeStore } from './use-runtime';

const LOADING: RecommendationsState = { items: [], loading: true };

/**
 * Live recommendations for this shopper: `{ items, loading }`, updated after every event.
 *
 * @example
 * const { items, loading } = useRecommendations({ strategy: 'related', anchor: product.id, limit: 4 });
 */
export function useRecommendations(options: RuntimeRecommendationsOptions = {}): RecommendationsState {
  const { strategy, limit, anchor, category } = options;
  return useRuntimeStore((rt) => rt.recommendations({ strategy, limit, anchor, category }), [strategy, limit, anchor, category], LOADING);
}

/**
 * `products` ranked for this shopper, as ids (the merchant's order until the runtime starts).
 * Pass a stable array (memoized or from state): a new array re-ranks.
 *
 * @example
 * const ids = useRankedList(products, { rules: { outOfStockLast: true } });
 */
export function useRankedList(products: readonly Product[], options: Omit<RankedListOptions, 'products' | '$profile' | '$model'> = {}): string[] {
  return useRuntimeStore((rt) => rt.rankedList({ ...options, products }), [products, options.rules, options.region], products.map((p) => p.id));
}

/**
 * The shopper's live profile (`undefined` before the runtime starts).
 *
 * @example
 * const profile = useProfile(); profile?.tags.priceSensitivity;
 */
export function useProfile(): Profile | undefined {
  return useRuntimeStore<Profile | undefined>((rt) => rt.profile.$profile, [], undefined);
}

/**
 * Names of the merchant segments the shopper is in.
 *
 * @example
 * const segments = useSegments(); segments.includes('runners');
 */
export function useSegments(): string[] {
  return useRuntimeStore((rt) => rt.profile.$segments, [], []);
}

/**
 * The consent state and a setter that remembers the shopper's choice.
 *
 * @example
 * const [consent, setConsent] = useConsent();
 * <button onClick={() => setConsent('granted')}>Allow</button>
 */
export function useConsent(): [ConsentState, (state: ConsentState) => void] {
  const rt = useRuntime();
  const consent = useRuntimeStore<ConsentState>((r) => r.affinity.$consent, [], 'unknown');
  const set = useCallback((state: ConsentState) => rt?.affinity.setConsent(state), [rt]);
  return [consent, set];
}

const NO_PRIVACY = atom<PrivacyState | undefined>(undefined);

/**
 * What the profile holds in plain words, with the shopper's controls (consent, reset, erase);
 * `undefined` before the runtime starts.
 *
 * @example
 * const privacy = usePrivacy();
 * privacy?.facts.map((f) => <li>{f.label}: {f.value}</li>); <button onClick={() => privacy?.erase()}>Erase</button>
 */
export function usePrivacy(): (PrivacyState & Omit<PrivacyConnector, '$state'>) | undefined {
  const rt = useRuntime();
  const privacy = useMemo(() => rt && connectPrivacy({ affinity: rt.affinity, profile: rt.profile }), [rt]);
  const state = useStore(privacy?.$state ?? NO_PRIVACY);
  return privacy && state ? { ...state, setConsent: privacy.setConsent, reset: privacy.reset, erase: privacy.erase } : undefined;
}

const NO_COUPONS = atom<CouponsState>({ loading: true, offers: [], claimed: [] });
const NO_SALE = atom<FlashSaleState>({ status: 'loading', remaining: 0, countdownMs: 0, skewMs: 0 });

/**
 * The coupon offers this shopper should see now and a `claim(campaignId)` that asks the server
 * for a code. Offers stay `loading` without a runtime or an endpoint.
 *
 * @example
 * const { offers, claim } = useCoupons({ limit: 1 });
 * offers[0]?.claimed?.code ?? <button onClick={() => claim(offers[0].campaign.id)}>Get my code</button>
 */
export function useCoupons(options: { limit?: number } = {}): CouponsState & { claim(campaignId: string): Promise<ClaimedCoupon | undefined>; seen(campaignId: string): void } {
  const rt = useRuntime();
  const coupons = useMemo(() => rt?.coupons({ limit: options.limit }), [rt, options.limit]);
  const state = useStore(coupons?.$state ?? NO_COUPONS);
  return { ...state, claim: (id) => coupons?.claim(id) ?? Promise.resolve(undefined), seen: (id) => coupons?.seen(id) };
}

/**
 * A flash sale's live state (status, skew-corrected `countdownMs`, `remaining`) and `claim()`.
 * Pass the sale id (or look it up with `runtime.flashSaleFor(productId)`).
 *
 * @example
 * const { status, countdownMs, remaining, claim } = useFlashSale('tent-drop');
 */
export function useFlashSale(saleId: string | undefined): FlashSaleState & { claim(): Promise<boolean> } {
  const rt = useRuntime();
  const sale = useMemo(() => (saleId ? rt?.flashSale(saleId) : undefined), [rt, saleId]);
  const state = useStore(sale?.$state ?? NO_SALE);
  return { ...state, claim: () => sale?.claim() ?? Promise.resolve(false) };
}

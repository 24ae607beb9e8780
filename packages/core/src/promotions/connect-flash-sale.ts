import { atom, onMount, type ReadableAtom } from 'nanostores';
import { pickFetch, promoRequest } from './request';
import { createServerClock, type ServerClock } from './server-clock';
import type { FlashReservation, FlashSale } from './types';

/** Where a flash sale stands for this shopper. `loading` until the first answer; `unavailable` when there is none. */
export type FlashSaleStatus = 'loading' | 'upcoming' | 'live' | 'sold_out' | 'ended' | 'claimed' | 'unavailable';

/** What a flash-sale renderer shows. */
export interface FlashSaleState {
  status: FlashSaleStatus;
  sale?: FlashSale;
  /** Units left, as of the last server answer. */
  remaining: number;
  /**
   * Milliseconds to the next moment that matters, by the server's clock: the start when upcoming,
   * the end when live or sold out, the hold's expiry when claimed, 0 when ended.
   */
  countdownMs: number;
  /** The shopper's current hold or purchase. */
  reservation?: FlashReservation;
  /** Server minus device clock, ms. */
  skewMs: number;
  /** The last refusal or failure (`sold_out`, `limit_reached`, `not_eligible`, `network`…). */
  error?: string;
}

/** Options of {@link connectFlashSale}. */
export interface FlashSaleOptions {
  /** Flash sale id. */
  id: string;
  endpoint: string;
  site: string;
  /** The SDK instance (or anything with the current `visitorId`). */
  source: { readonly visitorId: string };
  /** Countdown tick. Default 1000 ms. */
  tickMs?: number;
  /** How often live stock is re-read while someone listens. Default 15 000 ms. */
  refreshMs?: number;
  /** Share one clock between widgets; default a new one. */
  clock?: ServerClock;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** The device clock; injectable for tests. */
  now?: () => number;
}

/** A flash-sale store and its one action. */
export interface FlashSaleConnector {
  readonly $state: ReadableAtom<FlashSaleState>;
  /** Ask the server to hold a unit; resolves `true` when one is held. Never throws. */
  claim(): Promise<boolean>;
  /** Re-read the sale from the server. */
  refresh(): Promise<void>;
}

/**
 * A headless flash-sale widget: live status and stock from the server, a countdown corrected for
 * the device's clock skew (from `serverTime` on every answer), and a claim action. Timers run
 * only while someone listens.
 *
 * @example
 * const sale = connectFlashSale({ id: 'tent-drop', endpoint, site: 'shop', source: affinity });
 * sale.$state.subscribe(({ status, countdownMs, remaining }) => render(status, countdownMs, remaining));
 * button.onclick = () => sale.claim();
 */
export function connectFlashSale(options: FlashSaleOptions): FlashSaleConnector {
  const localNow = options.now ?? Date.now;
  const clock = options.clock ?? createServerClock(localNow);
  const fetcher = pickFetch(options.fetch);
  const base = `${options.endpoint.replace(/\/$/, '')}/v1/flash-sales/${encodeURIComponent(options.id)}`;
  const $state = atom<FlashSaleState>({ status: 'loading', remaining: 0, countdownMs: 0, skewMs: 0 });
  let sale: FlashSale | undefined;
  let reservation: FlashReservation | undefined;
  let missing = false;
  let error: string | undefined;

  const publish = () => {
    const now = clock.now();
    const status = statusAt(sale, reservation, now, missing);
    const countdownMs = !sale
      ? 0
      : status === 'upcoming'
        ? sale.startsAt - now
        : status === 'claimed' && reservation?.status === 'held'
          ? reservation.expiresAt - now
          : status === 'ended'
            ? 0
            : sale.endsAt - now;
    $state.set({ status, sale, remaining: sale?.remaining ?? 0, countdownMs: Math.max(0, countdownMs), reservation, skewMs: clock.offset, error });
  };

  const refresh = async () => {
    if (!fetcher) return;
    const visitor = encodeURIComponent(options.source.visitorId);
    const r = await promoRequest(fetcher, clock, localNow, `${base}?site=${encodeURIComponent(options.site)}&visitor=${visitor}`);
    if (r.status === 200 && r.body.sale) {
      sale = r.body.sale as FlashSale;
      const mine = (r.body.reservations as FlashReservation[] | undefined) ?? [];
      reservation = mine.filter((x) => x.status !== 'expired').pop();
      missing = false;
    } else if (r.status === 404) missing = true;
    else error = String(r.body.reason ?? 'network');
    publish();
  };

  const claim = async () => {
    if (!fetcher) return false;
    const r = await promoRequest(fetcher, clock, localNow, `${base}/claim`, { site: options.site, visitor: options.source.visitorId });
    if (r.status === 201) {
      reservation = r.body.reservation as FlashReservation;
      if (sale) sale = { ...sale, remaining: Number(r.body.remaining) };
      error = undefined;
    } else {
      error = String(r.body.reason ?? 'network');
      if (sale && typeof r.body.remaining === 'number') sale = { ...sale, remaining: r.body.remaining };
      const held = (r.body.reservations as FlashReservation[] | undefined)?.filter((x) => x.status !== 'expired').pop();
      if (held) reservation = held;
    }
    publish();
    return r.status === 201;
  };

  onMount($state, () => {
    void refresh();
    const tick = setInterval(publish, options.tickMs ?? 1000);
    const poll = setInterval(() => void refresh(), options.refreshMs ?? 15_000);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  });

  return { $state, claim, refresh };
}

/**
 * The status of a sale at server time `now`. A hold counts as `claimed` until it expires.
 *
 * @example
 * statusAt(sale, undefined, sale.startsAt - 1, false); // 'upcoming'
 */
export function statusAt(sale: FlashSale | undefined, reservation: FlashReservation | undefined, now: number, missing: boolean): FlashSaleStatus {
  if (!sale) return missing ? 'unavailable' : 'loading';
  if (reservation && (reservation.status === 'completed' || (reservation.status === 'held' && reservation.expiresAt > now))) return 'claimed';
  if (now >= sale.endsAt) return 'ended';
  if (now < sale.startsAt) return 'upcoming';
  return sale.remaining > 0 ? 'live' : 'sold_out';
}

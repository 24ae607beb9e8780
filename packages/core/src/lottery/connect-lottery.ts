import { atom, onMount, type ReadableAtom } from 'nanostores';
import { pickFetch, promoRequest } from '../promotions/request';
import { createServerClock, type ServerClock } from '../promotions/server-clock';
import type { Lottery, LotteryResult } from './types';

/** Where the lottery stands: `drawing` while a draw is on its way; `unavailable` when the server has no such lottery. */
export type LotteryStatus = 'loading' | 'ready' | 'drawing' | 'sold_out' | 'unavailable';

/** What a lottery renderer shows. */
export interface LotteryState {
  status: LotteryStatus;
  /** Cost, prizes, live stock and current odds, as of the last server answer. */
  lottery?: Lottery;
  /** The customer's points, when the server told us (identified customers only). */
  balance?: number;
  /** The last draw's result, from the server: animate towards it. */
  result?: LotteryResult;
  /** The last refusal or failure: `insufficient_points`, `sold_out`, `network`, `not_identified`… */
  error?: string;
  /** Server minus device clock, ms. */
  skewMs: number;
}

/** Options of {@link connectLottery}. */
export interface LotteryOptions {
  /** Lottery id. */
  id: string;
  endpoint: string;
  site: string;
  /** The identified customer (draws are refused for anonymous visitors). */
  customer?: string;
  /** The merchant backend's identify signature of `site:customer` (the same one `identify()` uses). */
  signature?: string;
  /** Share one clock between widgets; default a new one. */
  clock?: ServerClock;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** The device clock; injectable for tests. */
  now?: () => number;
  /** New idempotency keys; default 128 random bits from `crypto.getRandomValues`. */
  newKey?: () => string;
}

/** A lottery store and its actions. */
export interface LotteryConnector {
  readonly $state: ReadableAtom<LotteryState>;
  /**
   * Ask the server for one draw; resolves with its result, or `undefined` when refused or
   * unreachable (see `error`). A draw whose answer was lost is retried under the same
   * idempotency key on the next call, so it is never paid twice. Never throws.
   */
  draw(): Promise<LotteryResult | undefined>;
  /** Re-read odds, stock (and balance) from the server. */
  refresh(): Promise<void>;
}

/**
 * A headless points lottery: odds and stock from the server (fair play), and a draw action whose
 * outcome the server decides; the browser only animates the result it was given.
 *
 * @example
 * const wheel = connectLottery({ id: 'wheel', endpoint, site: 'shop', customer: 'c-42', signature });
 * wheel.$state.subscribe(({ lottery, result, balance }) => render(lottery, result, balance));
 * button.onclick = () => wheel.draw();
 */
export function connectLottery(options: LotteryOptions): LotteryConnector {
  const localNow = options.now ?? Date.now;
  const clock = options.clock ?? createServerClock(localNow);
  const fetcher = pickFetch(options.fetch);
  const newKey = options.newKey ?? randomKey;
  const base = `${options.endpoint.replace(/\/$/, '')}/v1/lotteries/${encodeURIComponent(options.id)}`;
  // Kept beside the atom: reading an unwatched nanostore mounts it, which would fetch.
  let current: LotteryState = { status: 'loading', skewMs: 0 };
  const $state = atom<LotteryState>(current);
  let pendingKey: string | undefined;
  let drawing = false;

  const set = (patch: Partial<LotteryState>) => {
    const next = { ...current, ...patch, skewMs: clock.offset };
    const soldOut = next.lottery && next.lottery.prizes.every((p) => p.odds === 0);
    const status = drawing ? 'drawing' : next.status === 'unavailable' ? 'unavailable' : next.lottery ? (soldOut ? 'sold_out' : 'ready') : next.status;
    current = { ...next, status };
    $state.set(current);
  };
  const readAnswer = (body: Record<string, unknown>) => ({
    ...(isLottery(body.lottery) && { lottery: body.lottery }),
    ...(typeof body.balance === 'number' && { balance: body.balance }),
  });

  const refresh = async () => {
    if (!fetcher) return;
    const who = options.customer && options.signature ? `&customer=${encodeURIComponent(options.customer)}&signature=${encodeURIComponent(options.signature)}` : '';
    const r = await promoRequest(fetcher, clock, localNow, `${base}?site=${encodeURIComponent(options.site)}${who}`);
    if (r.status === 200 && isLottery(r.body.lottery)) set(readAnswer(r.body));
    else if (r.status === 404) set({ status: 'unavailable' });
    else set({ error: String(r.body.reason ?? 'network') });
  };

  const draw = async (): Promise<LotteryResult | undefined> => {
    if (!fetcher || drawing) return undefined;
    if (!options.customer || !options.signature) {
      set({ error: 'not_identified' });
      return undefined;
    }
    pendingKey ??= newKey();
    drawing = true;
    set({ error: undefined });
    const r = await promoRequest(fetcher, clock, localNow, `${base}/draw`, { site: options.site, customer: options.customer, signature: options.signature, idempotencyKey: pendingKey });
    drawing = false;
    // Only a lost answer keeps the key: the draw may have happened, and retrying it must not pay twice.
    if (r.status !== 0 && r.status < 500) pendingKey = undefined;
    const result = (r.status === 200 || r.status === 201) && isResult(r.body.draw) ? r.body.draw : undefined;
    set({ ...readAnswer(r.body), ...(result ? { result } : { error: String(r.body.reason ?? 'network') }) });
    return result;
  };

  onMount($state, () => {
    void refresh();
  });

  return { $state, draw, refresh };
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isLottery(x: unknown): x is Lottery {
  const l = x as Lottery | undefined;
  return !!l && typeof l.id === 'string' && typeof l.cost === 'number' && Array.isArray(l.prizes) && l.prizes.every((p) => typeof p?.id === 'string' && typeof p.odds === 'number');
}

function isResult(x: unknown): x is LotteryResult {
  const d = x as LotteryResult | undefined;
  return !!d && typeof d.key === 'string' && typeof d.prize?.id === 'string';
}

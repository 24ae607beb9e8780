import type { ServerClock } from './server-clock';

/** A promotion endpoint's answer: the status (0 when the network failed) and the JSON body. */
export interface PromoResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Call a promotion endpoint without ever throwing, feeding the clock from `serverTime`.
 * Bodies go as `text/plain` so the browser sends no CORS preflight (the server reads it as JSON).
 */
export async function promoRequest(fetcher: typeof fetch, clock: ServerClock, localNow: () => number, url: string, body?: unknown): Promise<PromoResponse> {
  const sentAt = localNow();
  try {
    const res = await fetcher(url, body === undefined ? { credentials: 'omit' } : { method: 'POST', credentials: 'omit', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (typeof json.serverTime === 'number') clock.observe(json.serverTime, sentAt, localNow());
    return { status: res.status, body: json };
  } catch {
    return { status: 0, body: { reason: 'network', error: 'The promotions server could not be reached.' } };
  }
}

/** The page's `fetch`, bound, or the injected one. */
export function pickFetch(injected?: typeof fetch): typeof fetch | undefined {
  return injected ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
}

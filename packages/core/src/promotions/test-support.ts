// Test-only helpers (not exported from the package): a scripted promotions server for `fetch`.
import { atom } from 'nanostores';
import type { Profile } from '../profile/types';
import { buildProfile } from '../profile/build-profile';
import { memoryKeyValue } from '../storage/key-value';

/** A route of the fake server: method + path prefix → status and body (serverTime is added). */
export type FakeRoute = (url: URL, body: Record<string, unknown> | undefined) => { status: number; body: Record<string, unknown> } | undefined;

/**
 * A `fetch` answering like the Affinity server with `serverTime` from `serverNow`; records calls.
 *
 * @example
 * const server = fakeServer(() => T0, (url) => url.pathname === '/v1/campaigns' ? { status: 200, body: { campaigns } } : undefined);
 */
export function fakeServer(serverNow: () => number, route: FakeRoute) {
  const calls: { url: string; body?: Record<string, unknown> }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    calls.push({ url: url.pathname + url.search, body });
    const answer = route(url, body) ?? { status: 404, body: { reason: 'not_found' } };
    return new Response(JSON.stringify({ ...answer.body, serverTime: serverNow() }), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A visitor-like source over an in-memory key–value store. */
export function fakeSource(visitorId = 'v-1', state = memoryKeyValue()) {
  return { visitorId, state, $consent: atom<'granted' | 'denied' | 'unknown'>('granted') };
}

/** A profile-store-like pair of atoms over a fixed profile. */
export function fakeProfile(profile: Profile = buildProfile([]), segments: string[] = []) {
  return { $profile: atom(profile), $segments: atom(segments) };
}

/** Resolve pending promises and timers' microtasks. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

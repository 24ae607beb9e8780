import { pickFetch } from '../promotions/request';

/**
 * POST a JSON body to a referral endpoint without ever throwing: `{ status, body }`, status 0
 * when the server could not be reached. Sent as `text/plain` so the browser needs no preflight.
 */
export async function postJson(endpoint: string, path: string, body: unknown, injected?: typeof fetch): Promise<{ status: number; body: Record<string, any> }> {
  try {
    const res = await pickFetch(injected)!(endpoint.replace(/\/+$/, '') + path, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) });
    return { status: res.status, body: ((await res.json().catch(() => 0)) || {}) as Record<string, any> };
  } catch {
    return { status: 0, body: {} };
  }
}

/** The refusal reason of an answer (`network` when the server gave none). */
export const reasonOf = (body: Record<string, unknown>): string => (typeof body.reason == 'string' ? body.reason : 'network');

/** Whether the answer is a success (200 or 201). */
export const okStatus = (status: number): boolean => status == 200 || status == 201;

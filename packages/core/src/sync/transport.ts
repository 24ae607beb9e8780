/**
 * The wire format, shared with `@affinity/server`:
 * `POST {endpoint}/v1/events` with body `{ "site": string, "events": AffinityEvent[] }` sent
 * as `text/plain;charset=UTF-8` — a CORS-safelisted type, so there is no preflight and
 * `navigator.sendBeacon` works cross-origin; the server parses it as JSON. Answer:
 * `202 { accepted, duplicates, rejected: [{ index, error }] }`.
 */
import type { AffinityEvent } from '../types';

/** Browsers cap keepalive/beacon bodies at 64 KiB in flight; stay under it with headroom. */
export const MAX_BODY_BYTES = 60_000;

/** Content type of every request body (see the module comment). */
export const CONTENT_TYPE = 'text/plain;charset=UTF-8';

/** One request's worth of events and its serialized body. */
export interface Chunk {
  events: AffinityEvent[];
  body: string;
  /** Body size in UTF-8 bytes. */
  bytes: number;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Splits events into request bodies of at most `maxBytes` UTF-8 bytes each (an event larger
 * than that travels alone, without keepalive).
 * @example chunk('shop', events).map((c) => c.body) // ['{"site":"shop","events":[…]}', …]
 */
export function chunk(site: string, events: AffinityEvent[], maxBytes = MAX_BODY_BYTES): Chunk[] {
  const head = `{"site":${JSON.stringify(site)},"events":[`;
  // `]}` closes the body; each event adds its bytes and a comma, one comma too many.
  const overhead = encoder.encode(head).length + 1;
  const out: Chunk[] = [];
  let parts: string[] = [];
  let batch: AffinityEvent[] = [];
  let size = overhead;
  const close = () => {
    if (batch.length) out.push({ events: batch, body: `${head}${parts.join(',')}]}`, bytes: size });
    parts = [];
    batch = [];
    size = overhead;
  };
  for (const e of events) {
    const json = JSON.stringify(e);
    const bytes = encoder.encode(json).length + 1;
    if (batch.length && size + bytes > maxBytes) close();
    parts.push(json);
    batch.push(e);
    size += bytes;
  }
  close();
  return out;
}

/** An event of a batch the server refused on its own (the rest of the batch was taken). */
export interface Rejection {
  /** Position of the event in the batch. */
  index: number;
  error: string;
}

/**
 * The rejections in a 2xx answer (`{ accepted, duplicates, rejected }`), validated: the status
 * already acknowledged the batch, so a malformed answer means none was rejected. The counts are
 * not read: the client's own count of what it sent is the one it can trust.
 * @example await readRejected(new Response('{"accepted":1,"duplicates":0,"rejected":[{"index":1,"error":"…"}]}'), 2)
 */
export async function readRejected(res: Response, sent: number): Promise<Rejection[]> {
  try {
    const r = ((await res.json()) as { rejected?: Partial<Rejection>[] } | null)?.rejected;
    return Array.isArray(r)
      ? r.filter((x) => Number.isInteger(x?.index) && x.index! >= 0 && x.index! < sent).map((x) => ({ index: x.index!, error: String(x.error) }))
      : [];
  } catch {
    return [];
  }
}

/**
 * Hands chunks to `navigator.sendBeacon` (page being hidden or unloaded); stops at the first
 * refusal (the browser's in-flight quota is full). Returns the events handed over.
 * @example beacon('https://api.example/v1/events', chunk('shop', unsent))
 */
export function beacon(url: string, chunks: Chunk[]): AffinityEvent[] {
  const sent: AffinityEvent[] = [];
  if (typeof navigator === 'undefined' || !navigator.sendBeacon) return sent;
  for (const c of chunks) {
    try {
      if (!navigator.sendBeacon(url, new Blob([c.body], { type: CONTENT_TYPE }))) break;
    } catch {
      break;
    }
    sent.push(...c.events);
  }
  return sent;
}

/**
 * `fetch` with a deadline and no cookies. Rejects with a readable reason: "request timed out
 * after N ms" or "network error: …". Pass `ctrl` to be able to abort it early.
 * @example const res = await request(fetch, `${endpoint}/v1/health`, { method: 'GET' }, 10_000);
 */
export async function request(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  ctrl = new AbortController(),
): Promise<Response> {
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    return await doFetch(url, { credentials: 'omit', ...init, signal: ctrl.signal });
  } catch (err) {
    throw new Error(ctrl.signal.aborted ? `request timed out after ${timeoutMs} ms` : `network error: ${(err as Error)?.message ?? err}`);
  } finally {
    clearTimeout(timer);
  }
}

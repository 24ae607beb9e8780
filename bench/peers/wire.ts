// Counts the events in one request as each tracker puts them on the wire, so a batch of 30 counts
// 30 and a retried batch can be told apart by its event ids.
import { gunzipSync } from 'node:zlib';

/** The events one request carried: which tracker's format, and each event's id when it has one. */
export interface WireEvents {
  format: 'affinity' | 'snowplow' | 'segment' | 'posthog' | 'algolia' | 'amplitude';
  /** One entry per event: its name (the benchmark's `view_item` or the SDK's own) and id. */
  events: Array<{ name?: string; id?: string }>;
}

const str = (v: unknown): v is string => typeof v === 'string';
const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);

function json(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function pick(events: Record<string, unknown>[], nameKey: string, idKey?: string): WireEvents['events'] {
  return events.map((e) => ({ name: str(e[nameKey]) ? e[nameKey] : undefined, id: idKey && str(e[idKey]) ? e[idKey] : undefined }));
}

/** Snowplow self-describing events carry their payload in `ue_pr` (JSON) or `ue_px` (base64url). */
function snowplowEvent(e: Record<string, unknown>): { name?: string; id?: string } {
  let name: string | undefined = str(e.e) ? `snowplow:${e.e}` : undefined;
  const raw = str(e.ue_pr) ? e.ue_pr : str(e.ue_px) ? Buffer.from(e.ue_px, 'base64url').toString('utf8') : undefined;
  if (raw) {
    const inner = (json(Buffer.from(raw)) as { data?: { data?: { type?: unknown } } })?.data?.data?.type;
    if (str(inner)) name = inner;
  }
  return { name, id: str(e.eid) ? e.eid : undefined };
}

/** PostHog bodies: plain JSON, gzip (`compression=gzip-js`), or a form field `data` in base64. */
function posthogBody(body: Buffer, query: URLSearchParams, contentType: string): unknown {
  let raw = body;
  if (query.get('compression') === 'gzip-js' || (raw[0] === 0x1f && raw[1] === 0x8b)) raw = gunzipSync(raw);
  if (contentType.includes('x-www-form-urlencoded') || raw.toString('latin1', 0, 5) === 'data=') {
    const data = new URLSearchParams(raw.toString('utf8')).get('data') ?? '';
    return json(Buffer.from(data, 'base64'));
  }
  return json(raw);
}

/**
 * Parses one request to the collector; `undefined` when it carries no events (config, flags,
 * preflight...).
 * @example countWire('POST', '/v1/events', '', 'application/json', Buffer.from('{"events":[{"id":"a"}]}'))
 *   // { format: 'affinity', events: [{ name: undefined, id: 'a' }] }
 */
export function countWire(method: string, path: string, search: string, contentType: string, body: Buffer): WireEvents | undefined {
  const query = new URLSearchParams(search);
  if (path.endsWith('/com.snowplowanalytics.snowplow/tp2')) {
    return { format: 'snowplow', events: objects((json(body) as { data?: unknown })?.data).map(snowplowEvent) };
  }
  if (method === 'GET' && path.endsWith('/i') && query.has('e')) return { format: 'snowplow', events: [snowplowEvent(Object.fromEntries(query))] };
  if (method !== 'POST') return undefined;
  if (path.endsWith('/v1/events')) {
    return { format: 'affinity', events: pick(objects((json(body) as { events?: unknown })?.events), 'type', 'id') };
  }
  if (/\/v1\/(t|p|i|s|g|a|b)$/.test(path)) {
    const parsed = json(body) as { batch?: unknown } | undefined;
    const events = path.endsWith('/b') ? objects(parsed?.batch) : objects([parsed]);
    return { format: 'segment', events: pick(events, 'event', 'messageId') };
  }
  if (/^\/(e|batch|capture|track|engage)\/?$/.test(path) || path.startsWith('/i/v0/e')) {
    const parsed = posthogBody(body, query, contentType) as { batch?: unknown } | unknown[] | undefined;
    const events = Array.isArray(parsed) ? objects(parsed) : objects((parsed as { batch?: unknown })?.batch ?? [parsed]);
    return { format: 'posthog', events: pick(events, 'event', 'uuid') };
  }
  if (path.endsWith('/1/events')) {
    return { format: 'algolia', events: pick(objects((json(body) as { events?: unknown })?.events), 'eventName') };
  }
  if (path.endsWith('/2/httpapi') || path.endsWith('/batch')) {
    return { format: 'amplitude', events: pick(objects((json(body) as { events?: unknown })?.events), 'event_type', 'insert_id') };
  }
  return undefined;
}

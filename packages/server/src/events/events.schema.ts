import * as v from 'valibot';
import type { AffinityEvent } from '@affinity/core';
// Imported from the source (bundled into the server) so the accepted vocabulary can never
// drift from the browser's; the package entry of core is browser code.
import { EVENT_TYPES } from '../../../core/src/types';

/** Crockford base32 (no I, L, O, U), 26 characters: the ULID layout core generates. */
const EVENT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const CHANNEL = /^[a-z][a-z0-9_-]{0,31}$/;

const shortString = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));

const ItemSchema = v.looseObject({
  item_id: shortString(200),
  price: v.optional(v.pipe(v.number(), v.finite())),
  quantity: v.optional(v.pipe(v.number(), v.finite())),
});

/**
 * One event as the browser (or a server-to-server channel) sends it. Unknown `data` fields are
 * kept: merchants may add their own parameters.
 */
export const EventSchema = v.object({
  id: v.pipe(v.string(), v.regex(EVENT_ID, 'expected a 26-character ULID')),
  type: v.picklist(EVENT_TYPES),
  ts: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15)),
  visitor: shortString(64),
  session: shortString(64),
  channel: v.pipe(v.string(), v.regex(CHANNEL, 'expected a lower-case channel name such as "web"')),
  data: v.looseObject({
    items: v.optional(v.pipe(v.array(ItemSchema), v.maxLength(500))),
  }),
});

/** The envelope of `POST /v1/events`; events are validated one by one afterwards. */
export const BatchSchema = v.object({
  site: shortString(64),
  events: v.pipe(v.array(v.unknown()), v.maxLength(1000)),
});

/** Outcome of validating one event: the event, or the field that was wrong and why. */
export type EventCheck = { ok: true; event: AffinityEvent } | { ok: false; field: string; error: string };

/**
 * Validate one event, naming the first wrong field.
 *
 * @example
 * checkEvent({ id: 'x' }); // { ok: false, field: 'id', error: 'id: expected a 26-character ULID' }
 */
export function checkEvent(input: unknown): EventCheck {
  if (isPlainValidEvent(input)) return { ok: true, event: input };
  const result = v.safeParse(EventSchema, input, { abortEarly: true });
  if (result.success) return { ok: true, event: result.output as AffinityEvent };
  return { ok: false, ...describeIssue(result.issues[0]) };
}

const TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isShort = (x: unknown, max: number) => typeof x === 'string' && x.length >= 1 && x.length <= max;
const isOptionalFinite = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isFinite(x));

/**
 * The hot path of ingest: a hand-written check that accepts only events {@link EventSchema}
 * accepts (a test holds the two together), without building valibot's issue and output
 * objects. Anything it refuses goes through valibot, which decides and names the field.
 */
export function isPlainValidEvent(x: unknown): x is AffinityEvent {
  if (!isObject(x)) return false;
  const { id, type, ts, channel, data } = x;
  if (typeof id !== 'string' || !EVENT_ID.test(id)) return false;
  if (typeof type !== 'string' || !TYPES.has(type)) return false;
  if (typeof ts !== 'number' || !Number.isInteger(ts) || ts < 0 || ts > 8.64e15) return false;
  if (!isShort(x.visitor, 64) || !isShort(x.session, 64)) return false;
  if (typeof channel !== 'string' || !CHANNEL.test(channel)) return false;
  if (!isObject(data)) return false;
  const items = data.items;
  if (items === undefined) return true;
  if (!Array.isArray(items) || items.length > 500) return false;
  for (const item of items) {
    if (!isObject(item) || !isShort(item.item_id, 200) || !isOptionalFinite(item.price) || !isOptionalFinite(item.quantity)) return false;
  }
  return true;
}

/** Turn a valibot issue into `{ field, error }` with the dotted path of the field first. */
export function describeIssue(issue: v.BaseIssue<unknown>): { field: string; error: string } {
  const field = v.getDotPath(issue) ?? '(body)';
  return { field, error: `${field}: ${issue.message}` };
}

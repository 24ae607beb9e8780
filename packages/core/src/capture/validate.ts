/**
 * Checks what the merchant passes to `track()`, reporting a mistake with the exact field at
 * fault, and copies it, so a later mutation of the merchant's object cannot change an event
 * that was already captured. `track()` only copies (`copyEventData`, on the caller's time);
 * the check (`eventError`) runs on the copy in the SDK's batch a moment later.
 */
import { EVENT_TYPES, type AffinityEvent, type EventData, type EventType } from '../types';
import { isUlid } from './ulid';

const TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/** Longest string value kept; longer ones are a bug (a whole page of HTML, a data URL…). */
export const MAX_STRING = 1000;
/** Most items per event (GA4 allows 200). */
export const MAX_ITEMS = 200;

// Fields whose kind is fixed by GA4; any other field may be a string, finite number or boolean.
const NUM = 1;
const STR = 2;
const kinds: Record<string, number> = Object.create(null);
const kind = (names: string, k: number) => names.split(' ').forEach((n) => (kinds[n] = k));
kind('value shipping tax dwell_ms metric_value index price discount quantity', NUM);
kind(
  'currency transaction_id coupon search_term item_list_id item_list_name promotion_id promotion_name ' +
    'creative_name creative_slot page_location page_referrer experiment_id variant strategy metric_name ' +
    'metric_rating customer_id item_id item_name item_brand item_category item_category2 item_category3 ' +
    'item_category4 item_category5 item_variant affiliation location_id',
  STR,
);
const EXPECTED = ['a string, finite number or boolean', 'a finite number', 'a string'];

/**
 * Returns an error message for one scalar field, or undefined when it is fine. `item` is the
 * item index, or -1 for top-level fields; the message is only built when there is an error.
 */
function scalarError(item: number, key: string, v: unknown): string | undefined {
  const t = typeof v;
  const k = kinds[key] ?? 0;
  let got: unknown = t;
  if (t === 'number') {
    if (k !== STR) {
      if (Number.isFinite(v)) return;
      got = v;
    }
  } else if (t === 'string') {
    if (k !== NUM) {
      if ((v as string).length <= MAX_STRING) return;
      got = `${(v as string).length} characters (at most ${MAX_STRING})`;
    }
  } else if (t === 'boolean' && !k) return;
  else if (v === null) got = 'null';
  return `${item < 0 ? 'data' : `data.items[${item}]`}.${key} must be ${EXPECTED[k]}, got ${got}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first error among the scalar fields of `o` (`items` excepted at top level). */
function fieldsError(o: Record<string, unknown>, item: number): string | undefined {
  for (const key in o) {
    const v = o[key];
    if (v === undefined || (item < 0 && key === 'items')) continue;
    const err = scalarError(item, key, v);
    if (err) return err;
  }
}

function itemError(raw: unknown, i: number): string | undefined {
  if (!isObject(raw)) return `data.items[${i}] must be an object with an item_id`;
  const id = raw.item_id;
  if (typeof id !== 'string' || id === '') return `data.items[${i}].item_id must be a non-empty string`;
  return fieldsError(raw, i);
}

/**
 * Copies `track()` data two levels deep (the data and each item), without checking it: the
 * only work on the data that `track()` does on the caller's time. Anything that is not a
 * plain object is returned as it is, for {@link eventError} to report; so is an `items` list
 * over the limit (rejected anyway, and not worth copying).
 * @example copyEventData({ items: [{ item_id: 'sku-1' }] }) // a copy, items copied too
 */
export function copyEventData(data: unknown): unknown {
  // isObject inlined: this runs on the caller's time, often as the first call of a task.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const out: Record<string, unknown> = { ...data };
  const raw = out.items;
  if (Array.isArray(raw) && raw.length <= MAX_ITEMS) {
    // slice(): exactly as long as the list (a pushed-to [] would reserve 16 slots per event).
    const items = raw.slice();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === 'object' && item !== null) items[i] = { ...item };
    }
    out.items = items;
  }
  return out;
}

/**
 * The error of a `track()` call, naming the field at fault, or undefined when it is valid.
 * Reads only: pass it the copy made by {@link copyEventData}.
 * @example
 * eventError('add_to_cart', { items: [{ price: 12 }] })
 * // → 'track("add_to_cart"): data.items[0].item_id must be a non-empty string'
 */
export function eventError(type: unknown, data: unknown): string | undefined {
  const err = dataError(type, data);
  return err && `track(${JSON.stringify(String(type))}): ${err}`;
}

/**
 * Validates a `track()` call and returns a copy of its data, or an error message naming the
 * field at fault.
 * @example
 * checkEvent('add_to_cart', { items: [{ item_id: 'sku-1', price: 12 }] }) // → the copied data
 * checkEvent('add_to_cart', { items: [{ price: 12 }] })
 * // → 'track("add_to_cart"): data.items[0].item_id must be a non-empty string'
 */
export function checkEvent(type: unknown, data: unknown): EventData | string {
  return eventError(type, data) ?? ((data === undefined ? {} : copyEventData(data)) as EventData);
}

function dataError(type: unknown, data: unknown): string | undefined {
  if (typeof type !== 'string' || !TYPES.has(type)) {
    return `unknown event type; expected one of ${EVENT_TYPES.join(', ')}`;
  }
  if (data === undefined) return;
  if (!isObject(data)) return 'data must be a plain object';
  const raw = data.items;
  if (raw !== undefined) {
    if (!Array.isArray(raw)) return 'data.items must be an array';
    if (raw.length > MAX_ITEMS) return `data.items has more than ${MAX_ITEMS} items`;
    for (let i = 0; i < raw.length; i++) {
      const err = itemError(raw[i], i);
      if (err) return err;
    }
  }
  return fieldsError(data, -1);
}

/**
 * Whether a string names a known event type.
 * @example isEventType('view_item') // true
 */
export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && TYPES.has(type);
}

/**
 * Whether a value read back from storage is a well-formed event (anything else is a corrupt
 * record: skipped and counted, never handed to the rest of the SDK).
 * @example isStoredEvent(JSON.parse('{"id":"nope"}')) // false
 */
export function isStoredEvent(v: unknown): v is AffinityEvent {
  if (!isObject(v)) return false;
  return (
    isUlid(v.id) &&
    isEventType(v.type) &&
    Number.isFinite(v.ts) &&
    typeof v.visitor === 'string' &&
    typeof v.session === 'string' &&
    typeof v.channel === 'string' &&
    isObject(v.data)
  );
}

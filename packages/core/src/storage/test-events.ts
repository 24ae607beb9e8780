// Test helper (not exported from the package): well-formed events at given times.
import { encodeTime } from '../capture/ulid';

let n = 0;
import type { AffinityEvent } from '../types';

/** An event captured at `ts`, its id minted for that time (`ulid()` would never go back in time). */
export function eventAt(ts: number, itemId = 'sku-1'): AffinityEvent {
  return { id: encodeTime(ts) + String(++n).padStart(16, '0'), type: 'view_item', ts, visitor: 'V', session: 'S', channel: 'web', data: { items: [{ item_id: itemId }] } };
}

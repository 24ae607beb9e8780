import type { AffinityEvent, EventType } from '@affinity/core';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let counter = 0;

/** A valid, unique ULID-shaped id (time prefix, then a counter so tests are reproducible). */
export function testId(ts = 1_700_000_000_000): string {
  let time = '';
  for (let t = ts, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let rest = '';
  for (let c = ++counter, i = 0; i < 16; i++, c = Math.floor(c / 32)) rest = CROCKFORD[c % 32] + rest;
  return time + rest;
}

/** A valid event with overridable fields. */
export function testEvent(overrides: Partial<AffinityEvent> & { item?: string } = {}): AffinityEvent {
  const { item = 'sku-1', ...rest } = overrides;
  const ts = rest.ts ?? 1_700_000_000_000 + counter * 1000;
  return {
    id: testId(ts),
    type: 'view_item' as EventType,
    ts,
    visitor: 'visitor-1',
    session: 'session-1',
    channel: 'web',
    data: { items: [{ item_id: item, item_name: 'Trail shoe', price: 89.5 }] },
    ...rest,
  };
}

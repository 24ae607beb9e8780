import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { testEvent } from '../testing/events';
import { checkEvent, EventSchema, isPlainValidEvent } from './events.schema';

/** Every way we can think of to bend one field of a valid event. */
function mutations(): unknown[] {
  const base = testEvent() as unknown as Record<string, unknown>;
  const values: unknown[] = [undefined, null, '', 'x', 'x'.repeat(65), 'x'.repeat(201), 0, -1, 1.5, 8.7e15, NaN, Infinity, true, [], {}, [{}], [{ item_id: 'a' }]];
  const out: unknown[] = [base, null, [], 'event', 42];
  for (const key of ['id', 'type', 'ts', 'visitor', 'session', 'channel', 'data']) {
    for (const value of values) out.push({ ...base, [key]: value });
  }
  for (const id of ['01ARZ3NDEKTSV4RRFFQ69G5FAV', '01arz3ndektsv4rrffq69g5fav', '01ARZ3NDEKTSV4RRFFQ69G5FAI', '01ARZ3NDEKTSV4RRFFQ69G5FA']) out.push({ ...base, id });
  for (const channel of ['web', 'pos', 'POS', 'app_2', '-web', 'a'.repeat(33)]) out.push({ ...base, channel });
  for (const items of values) out.push({ ...base, data: { items } });
  for (const field of ['item_id', 'price', 'quantity']) {
    for (const value of values) out.push({ ...base, data: { items: [{ item_id: 'a', [field]: value }] } });
  }
  out.push({ ...base, data: { items: Array.from({ length: 501 }, () => ({ item_id: 'a' })) } });
  out.push({ ...base, extra: 'kept out of storage' });
  return out;
}

describe('event validation', () => {
  it('the fast path never accepts an event the schema refuses', () => {
    const cases = mutations();
    const disagreements = cases.filter((e) => isPlainValidEvent(e) && !v.is(EventSchema, e));
    expect(disagreements).toEqual([]);
    // And it does carry the ordinary traffic: most valid variants take the fast path.
    expect(cases.filter((e) => isPlainValidEvent(e)).length).toBeGreaterThan(20);
  });

  it('gives the same verdict as the schema for every case', () => {
    for (const e of mutations()) expect(checkEvent(e).ok).toBe(v.is(EventSchema, e));
  });

  it('names the first wrong field', () => {
    expect(checkEvent({ ...testEvent(), session: '' })).toMatchObject({ ok: false, field: 'session' });
    expect(checkEvent({ ...testEvent(), data: { items: [{ item_id: 'a', price: 'cheap' }] } })).toMatchObject({ ok: false, field: 'data.items.0.price' });
  });
});

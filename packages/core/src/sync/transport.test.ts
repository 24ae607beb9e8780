import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventAt } from '../storage/test-events';
import { beacon, chunk, readRejected } from './transport';

afterEach(() => vi.restoreAllMocks());
const T0 = 1_700_000_000_000;

describe('chunk', () => {
  it('wraps events in the wire format', () => {
    const events = [eventAt(T0), eventAt(T0 + 1)];
    const [c, ...rest] = chunk('shop', events);
    expect(rest).toEqual([]);
    expect(JSON.parse(c!.body)).toEqual({ site: 'shop', events });
    expect(c!.bytes).toBe(new TextEncoder().encode(c!.body).length);
  });

  it('splits under the byte limit without losing or repeating an event', () => {
    const events = Array.from({ length: 40 }, (_, i) => eventAt(T0 + i, `sku-é-${'x'.repeat(200)}-${i}`));
    const chunks = chunk('shop', events, 2000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.bytes).toBeLessThanOrEqual(2000);
      expect(new TextEncoder().encode(c.body).length).toBe(c.bytes);
    }
    expect(chunks.flatMap((c) => JSON.parse(c.body).events)).toEqual(events);
  });

  it('sends an event larger than the limit alone', () => {
    const big = eventAt(T0, 'x'.repeat(3000));
    const chunks = chunk('shop', [eventAt(T0 + 1), big, eventAt(T0 + 2)], 2000);
    expect(chunks.map((c) => c.events.length)).toEqual([1, 1, 1]);
  });
});

describe('readRejected', () => {
  it('reads the server answer and keeps only sane rejections', async () => {
    const body = { accepted: 1, duplicates: 0, rejected: [{ index: 1, error: 'items[0].item_id: required' }, { index: 9, error: 'x' }, { index: -1, error: 'x' }, { index: 'a' }, null] };
    expect(await readRejected(new Response(JSON.stringify(body)), 2)).toEqual([{ index: 1, error: 'items[0].item_id: required' }]);
  });
  it('treats an unreadable or odd 2xx body as all accepted', async () => {
    expect(await readRejected(new Response('<html>'), 3)).toEqual([]);
    expect(await readRejected(new Response('null'), 3)).toEqual([]);
    expect(await readRejected(new Response('{"rejected":"all"}'), 3)).toEqual([]);
  });
});

describe('beacon', () => {
  it('sends text/plain bodies and stops when the browser refuses', async () => {
    const bodies: Blob[] = [];
    vi.spyOn(navigator, 'sendBeacon').mockImplementation((_, b) => (bodies.push(b as Blob), bodies.length < 2));
    const events = [eventAt(T0), eventAt(T0 + 1), eventAt(T0 + 2)];
    const sent = beacon('https://api.test/v1/events', chunk('shop', events, 250));
    expect(sent).toEqual([events[0]]);
    expect(bodies[0]!.type).toBe('text/plain;charset=utf-8');
    expect(JSON.parse(await bodies[0]!.text()).events).toEqual([events[0]]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { decodeTime, encodeTime, isUlid, ulid } from './ulid';

describe('ulid', () => {
  it('is 26 Crockford base32 chars with the time in the first 10', () => {
    const id = ulid(1_700_000_000_123);
    expect(isUlid(id)).toBe(true);
    expect(decodeTime(id)).toBe(1_700_000_000_123);
    expect(id.slice(0, 10)).toBe(encodeTime(1_700_000_000_123));
  });

  it('encodes the time like the ULID reference (48-bit big-endian base32)', () => {
    // Reference value from the ULID spec README: 01ARYZ6S41 is 1469918176385.
    expect(encodeTime(1469918176385)).toBe('01ARYZ6S41');
    expect(encodeTime(0)).toBe('0000000000');
    expect(encodeTime(2 ** 48 - 1)).toBe('7ZZZZZZZZZ');
  });

  it('sorts by time across milliseconds', () => {
    const a = ulid(1_700_000_000_000);
    const b = ulid(1_700_000_000_001);
    const c = ulid(1_700_000_086_400);
    expect([c, a, b].sort()).toEqual([a, b, c]);
  });

  it('keeps the exact time across 1024 ms windows (where the shared prefix is redrawn)', () => {
    const k = 1_950_000_000_000 / 1024;
    const times = [k * 1024 - 1, k * 1024, k * 1024 + 1, k * 1024 + 1023, k * 1024 + 1024];
    const ids = times.map((t) => ulid(t));
    expect(ids.map(decodeTime)).toEqual(times);
    expect([...ids].sort()).toEqual(ids);
  });

  it('is strictly increasing within one millisecond and when the clock steps back', () => {
    const ids = Array.from({ length: 5000 }, () => ulid(1_800_000_000_000));
    ids.push(ulid(1_799_999_999_000));
    const outOfOrder = ids.filter((id, i) => i > 0 && id <= ids[i - 1]!);
    expect(outOfOrder).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differs between two pages minting at the same millisecond (random part)', async () => {
    vi.resetModules();
    const other = await import('./ulid');
    const ts = 1_900_000_000_000;
    expect(other.ulid(ts)).not.toBe(ulid(ts));
  });

  it('draws randomness from crypto.getRandomValues once per 1024 ms window, not per id', async () => {
    vi.resetModules();
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const fresh = await import('./ulid');
    const w = 2_000_000_000_000 / 1024; // a whole number: the first ms of a window
    for (let t = 0; t < 50; t++) fresh.ulid(w * 1024 + t);
    expect(spy.mock.calls.length).toBe(1);
    fresh.ulid(w * 1024 + 1024);
    fresh.ulid(w * 1024 + 3000);
    expect(spy.mock.calls.length).toBe(3);
    spy.mockRestore();
  });

  it('stays strictly increasing when the counter of a window runs out', async () => {
    vi.resetModules();
    const fresh = await import('./ulid');
    // More ids in one millisecond than the 20-bit counter holds from any start.
    let prev = fresh.ulid(2_100_000_000_000);
    let bad = 0;
    for (let i = 0; i < 1_100_000; i++) {
      const id = fresh.ulid(2_100_000_000_000);
      if (id <= prev) bad++;
      prev = id;
    }
    expect(bad).toBe(0);
    expect(fresh.isUlid(prev)).toBe(true);
  });

  it('recognises malformed ids', () => {
    expect(isUlid('01ARYZ6S41TSV4RRFFQ69G5FAV')).toBe(true);
    expect(isUlid('01ARYZ6S41TSV4RRFFQ69G5FA')).toBe(false);
    expect(isUlid('01ARYZ6S41TSV4RRFFQ69G5FAU')).toBe(false); // U is not Crockford
    expect(isUlid(42)).toBe(false);
  });
});

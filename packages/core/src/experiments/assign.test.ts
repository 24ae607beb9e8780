import { describe, expect, it } from 'vitest';
import { assignVariant, assignmentOf, experimentProblem } from './assign';
import { hash32 } from './hash';

const units = (n: number) => Array.from({ length: n }, (_, i) => `visitor-${i}`);

describe('assignVariant', () => {
  it('gives the same unit the same arm every time', () => {
    const def = { id: 'holdout' };
    for (const u of units(50)) expect(assignVariant(def, u)).toBe(assignVariant({ id: 'holdout' }, u));
  });

  it('splits 90/10 by default within sampling error', () => {
    const n = 20_000;
    const control = units(n).filter((u) => assignVariant({ id: 'holdout' }, u) === 'control').length;
    // 10% of 20,000 = 2,000 with sd ≈ 42; 5 sd either side.
    expect(control).toBeGreaterThan(2000 - 210);
    expect(control).toBeLessThan(2000 + 210);
  });

  it('follows custom weights for A/B/n', () => {
    const def = { id: 'abc', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }, { name: 'c', weight: 2 }] };
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const u of units(20_000)) counts[assignVariant(def, u)]!++;
    expect(counts.a! / 20_000).toBeCloseTo(0.25, 1);
    expect(counts.b! / 20_000).toBeCloseTo(0.25, 1);
    expect(counts.c! / 20_000).toBeCloseTo(0.5, 1);
  });

  it('reshuffles with a new salt and is independent across experiments', () => {
    const a = units(2000).map((u) => assignVariant({ id: 'x', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }] }, u));
    const salted = units(2000).map((u) => assignVariant({ id: 'x', salt: 's2', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }] }, u));
    const agree = a.filter((v, i) => v === salted[i]).length / 2000;
    // Independent 50/50 assignments agree about half the time.
    expect(agree).toBeGreaterThan(0.45);
    expect(agree).toBeLessThan(0.55);
  });
});

describe('hash32', () => {
  it('matches FNV-1a + murmur finalizer reference values', () => {
    // FNV-1a('') = 0x811c9dc5; finalized by fmix32 → computed independently with BigInt below.
    const ref = (s: string) => {
      let h = 0x811c9dc5n;
      for (const ch of s) h = ((h ^ BigInt(ch.charCodeAt(0))) * 0x01000193n) & 0xffffffffn;
      h ^= h >> 16n;
      h = (h * 0x85ebca6bn) & 0xffffffffn;
      h ^= h >> 13n;
      h = (h * 0xc2b2ae35n) & 0xffffffffn;
      h ^= h >> 16n;
      return Number(h);
    };
    for (const s of ['', 'a', 'holdout:visitor-1', ':exp:c:42']) expect(hash32(s)).toBe(ref(s));
  });
});

describe('assignmentOf', () => {
  it('turns every personal surface off for control by default', () => {
    expect(assignmentOf({ id: 'h' }, 'control')).toEqual({
      experiment: 'h',
      variant: 'control',
      control: true,
      listings: 'base',
      strategy: 'popular',
      targetedCoupons: false,
    });
    expect(assignmentOf({ id: 'h' }, 'personalized')).toMatchObject({ control: false, listings: 'personalized', strategy: undefined, targetedCoupons: true });
  });

  it('honours the configured fallback and scope', () => {
    const a = assignmentOf({ id: 'h', fallback: 'trending', scope: { listings: false, coupons: false } }, 'control');
    expect(a).toMatchObject({ listings: 'personalized', strategy: 'trending', targetedCoupons: true });
  });

  it('names a custom control arm', () => {
    expect(assignmentOf({ id: 'h', control: 'holdout', variants: [{ name: 'on', weight: 9 }, { name: 'holdout', weight: 1 }] }, 'holdout').control).toBe(true);
  });
});

describe('experimentProblem', () => {
  it('accepts a minimal holdout', () => expect(experimentProblem({ id: 'holdout' })).toBeUndefined());
  it.each([
    [null, /must be an object/],
    [{ id: 'bad id' }, /experiment id/],
    [{ id: 'x', variants: [{ name: 'a', weight: 1 }] }, /2–10 variants/],
    [{ id: 'x', variants: [{ name: 'a', weight: 1 }, { name: 'a', weight: 1 }] }, /appears twice/],
    [{ id: 'x', variants: [{ name: 'a', weight: 0 }, { name: 'b', weight: 1 }] }, /positive weight/],
    [{ id: 'x', fallback: 'nope' }, /fallback/],
  ])('explains %j', (def, message) => expect(experimentProblem(def)).toMatch(message));
});

import { describe, expect, it } from 'vitest';
import { currentOdds, pickPrize, type DrawCandidate } from './pick-prize';

const PRIZES: DrawCandidate[] = [
  { id: 'none', weight: 60, remaining: null },
  { id: 'ten', weight: 30, remaining: 5 },
  { id: 'tv', weight: 10, remaining: 0 },
];

describe('pickPrize', () => {
  it('maps every random number below the in-stock total to the prize owning that slice', () => {
    // The TV is gone, so the pool is none (0–59) and ten (60–89).
    const counts: Record<string, number> = {};
    for (let r = 0; r < 90; r++) {
      const id = pickPrize(PRIZES, (max) => {
        expect(max).toBe(90);
        return r;
      })!;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts).toEqual({ none: 60, ten: 30 });
  });

  it('gives nothing when every prize is out of stock', () => {
    expect(pickPrize([{ id: 'tv', weight: 1, remaining: 0 }])).toBeUndefined();
  });
});

describe('currentOdds', () => {
  it('renormalises over the prizes still in stock', () => {
    expect(currentOdds(PRIZES)).toEqual({ none: 60 / 90, ten: 30 / 90, tv: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { parseLottery } from './lottery.schema';

const SPIN = {
  id: 'spin',
  title: 'Spin the wheel',
  cost: 100,
  prizes: [
    { id: 'none', label: 'Try again', kind: 'none', weight: 60 },
    { id: 'ten', label: '10 points', kind: 'points', weight: 30, points: 10 },
    { id: 'code', label: '5 off', kind: 'coupon', weight: 8, campaign: 'five-off', stock: 20 },
    { id: 'mug', label: 'A mug', kind: 'item', weight: 2, item: 'mug-1', stock: 3 },
  ],
};

describe('parseLottery', () => {
  it('accepts every prize kind with its field', () => {
    const r = parseLottery(SPIN);
    expect(r.ok && r.value.prizes.map((p) => p.kind)).toEqual(['none', 'points', 'coupon', 'item']);
  });

  it('names every wrong field with its path', () => {
    const r = parseLottery({ ...SPIN, prizes: [{ id: 'code', label: 'x', kind: 'coupon', weight: 1 }, { id: 'code', label: 'y', kind: 'none', weight: 1, points: 5 }] }, 'demo.lotteries[0]');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { path: 'demo.lotteries[0].prizes[0].campaign', message: 'a coupon prize needs "campaign"' },
      { path: 'demo.lotteries[0].prizes[1].id', message: 'duplicate prize id "code"' },
      { path: 'demo.lotteries[0].prizes[1].points', message: 'only a points prize takes "points"' },
    ]);
  });

  it('refuses fractional weights, a zero cost, no prizes and unknown keys', () => {
    const paths = (input: unknown) => {
      const r = parseLottery(input);
      return r.ok ? [] : r.issues.map((i) => i.path);
    };
    expect(paths({ ...SPIN, prizes: [{ ...SPIN.prizes[0], weight: 2.5 }] })).toEqual(['lottery.prizes.0.weight']);
    expect(paths({ ...SPIN, cost: 0 })).toEqual(['lottery.cost']);
    expect(paths({ ...SPIN, prizes: [] })).toEqual(['lottery.prizes']);
    expect(paths({ ...SPIN, odds: 3 })).toEqual(['lottery.odds']);
  });
});

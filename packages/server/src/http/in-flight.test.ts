import { describe, expect, it } from 'vitest';
import { bounded } from './in-flight';

describe('bounded', () => {
  it('never runs more than the limit at once, runs every call, and passes results and errors through', async () => {
    let now = 0;
    let peak = 0;
    const order: number[] = [];
    const work = bounded(3, async (i: number) => {
      peak = Math.max(peak, ++now);
      await new Promise((r) => setTimeout(r, 1));
      now--;
      order.push(i);
      if (i === 7) throw new Error('seven');
      return i * 2;
    });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => work(i)));
    expect(peak).toBe(3);
    expect(order.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(results[4]).toEqual({ status: 'fulfilled', value: 8 });
    expect(results[7]).toMatchObject({ status: 'rejected', reason: new Error('seven') });
    // The slots are free again afterwards.
    expect(await work(1)).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { coreNext } from './core-next';
import { coreEmbedding, coreSimilarShoppers, nextBlend } from './learned';
import { evaluateNextItem } from './protocol';
import type { Session } from './sessions';

// Two tastes that never mix: camping sessions and kitchen sessions, 30 of each.
const CAMP = ['tent', 'stove', 'mat', 'lamp', 'pegs'];
const KITCHEN = ['pan', 'knife', 'board', 'whisk', 'bowl'];
const session = (id: string, items: string[], t: number): Session => ({ id, items, times: items.map((_, i) => t + i) });
const TRAIN = Array.from({ length: 60 }, (_, i) => {
  const g = i % 2 ? CAMP : KITCHEN;
  return session(`s${i}`, [0, 1, 2, 3].map((j) => g[(i + j * 2) % g.length]!), i * 100);
});

describe('learned strategies in the harness', () => {
  it('embedding recommends within the taste of the session, trained and quantised as the server does', () => {
    const rec = coreEmbedding().fit(TRAIN);
    const list = rec(['tent'], 4, 0);
    expect(list).toHaveLength(4);
    expect(list.every((id) => CAMP.includes(id))).toBe(true);
    expect(rec(['pan', 'whisk'], 3, 0).every((id) => KITCHEN.includes(id))).toBe(true);
  });

  it('similar-shoppers recommends what the shopper’s group used', () => {
    const rec = coreSimilarShoppers({ minMembers: 5, minItemMembers: 2 }).fit(TRAIN);
    const list = rec(['knife'], 3, 0);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((id) => KITCHEN.includes(id))).toBe(true);
  });

  it('a blend with weight 0 is exactly next, and scoring is the harness’s', () => {
    const test = [session('t1', ['tent', 'stove', 'mat'], 10_000), session('t2', ['pan', 'bowl'], 10_100)];
    const [plain, blend0, blend] = evaluateNextItem(TRAIN, test, [coreNext(), nextBlend('embedding', 0), nextBlend('embedding', 0.5)], { k: 3 });
    expect(blend0!.hr).toBe(plain!.hr);
    expect(blend0!.mrr).toBe(plain!.mrr);
    expect(blend!.n).toBe(3);
  });
});

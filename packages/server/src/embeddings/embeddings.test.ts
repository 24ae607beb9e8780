import { describe, expect, it } from 'vitest';
import { decodeEmbeddings } from '../../../core/src/recommend/learned/codec';
import { jacobi } from './eigen';
import { createLearnedBuilder, withLearned } from './learned-builder';
import { runAsync, runSync } from './steps';
import { trainEmbeddings } from './train';
import { cooccurrence, ppmi } from './ppmi';
import { testEvent } from '../testing/events';
import type { ModelPayload } from '@affinity/core';

/** Two separate tastes: camping sessions and kitchen sessions, never mixed. */
function sessions(): string[][] {
  const camp = ['tent', 'stove', 'mat', 'lamp', 'pegs'];
  const kitchen = ['pan', 'knife', 'board', 'whisk', 'bowl'];
  const out: string[][] = [];
  for (let i = 0; i < 40; i++) {
    const group = i % 2 ? camp : kitchen;
    out.push([0, 1, 2, 3].map((j) => group[(i + j * 2) % group.length]!));
  }
  return out;
}

const cos = (rows: Float32Array, dim: number, a: number, b: number) => {
  let s = 0;
  for (let j = 0; j < dim; j++) s += rows[a * dim + j]! * rows[b * dim + j]!;
  return s;
};

describe('trainEmbeddings', () => {
  it('puts items of the same taste closer together than items of different tastes', () => {
    const e = trainEmbeddings(sessions(), { dim: 4 });
    const at = (id: string) => e.ids.indexOf(id);
    expect(e.ids).toHaveLength(10);
    expect(cos(e.rows, 4, at('tent'), at('stove'))).toBeGreaterThan(cos(e.rows, 4, at('tent'), at('pan')) + 0.5);
    expect(cos(e.rows, 4, at('pan'), at('whisk'))).toBeGreaterThan(cos(e.rows, 4, at('pan'), at('lamp')) + 0.5);
    // Unit rows: the dot product the browser computes is a cosine.
    expect(cos(e.rows, 4, at('tent'), at('tent'))).toBeCloseTo(1, 5);
  });

  it('gives no vector to items seen in fewer than minCount sessions, and keeps the maxItems most seen', () => {
    const e = trainEmbeddings([...sessions(), ['tent', 'once-only']], { dim: 4, maxItems: 6 });
    expect(e.ids).not.toContain('once-only');
    expect(e.ids).toHaveLength(6);
    expect(trainEmbeddings([['a']]).ids).toEqual([]);
  });

  it('gives the same result when run in slices that yield to the event loop', async () => {
    let pauses = 0;
    const { trainEmbeddingsAsync } = await import('./train');
    const big = Array.from({ length: 600 }, (_, i) => [`a${i % 50}`, `a${(i + 1) % 50}`, `a${(i + 7) % 50}`]);
    const asyncResult = await trainEmbeddingsAsync(big, { dim: 8 }, () => void pauses++);
    expect(pauses).toBeGreaterThan(10);
    expect(asyncResult).toEqual(trainEmbeddings(big, { dim: 8 }));
  });
});

describe('ppmi and jacobi', () => {
  it('keeps only positive associations, symmetric', () => {
    const m = runSync(ppmi(runSync(cooccurrence([Int32Array.of(0, 1), Int32Array.of(0, 1), Int32Array.of(1, 2), Int32Array.of(2, 3)], 4, 1))));
    const at = (i: number, j: number) => {
      for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) if (m.col[k] === j) return m.val[k]!;
      return 0;
    };
    expect(at(0, 1)).toBeGreaterThan(0);
    expect(at(0, 1)).toBeCloseTo(at(1, 0));
    expect(at(0, 3)).toBe(0);
  });

  it('decomposes a symmetric matrix: A·v = λ·v for every pair', () => {
    const a = [
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ];
    const { values, vectors } = jacobi(a);
    for (let i = 0; i < 3; i++) {
      for (let r = 0; r < 3; r++) {
        const av = a[r]!.reduce((s, x, c) => s + x * vectors[c]![i]!, 0);
        expect(av).toBeCloseTo(values[i]! * vectors[r]![i]!, 8);
      }
    }
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(12, 8);
  });

  it('runAsync awaits the pause between steps', async () => {
    const order: string[] = [];
    function* steps() {
      order.push('a');
      yield;
      order.push('b');
      return 7;
    }
    expect(await runAsync(steps(), () => void order.push('pause'))).toBe(7);
    expect(order).toEqual(['a', 'pause', 'b']);
  });
});

describe('learned model parts', () => {
  const base = { version: 'v1', popular: [] } as unknown as ModelPayload;

  it('trains embeddings and shopper prototypes from stored events, one step per repeated click', async () => {
    const b = createLearnedBuilder({ prototypes: { minMembers: 5, minItemMembers: 2 } });
    let ts = 1_700_000_000_000;
    sessions().forEach((s, i) =>
      b.add(
        s.flatMap((item) => [
          testEvent({ session: `s${i}`, item, ts: (ts += 1000) }),
          testEvent({ session: `s${i}`, item, ts: (ts += 1000), type: 'add_to_cart' }),
        ]),
      ),
    );
    b.add([testEvent({ session: 'p', type: 'purchase', item: 'receipt-only', ts: ts + 1 })]);
    const parts = await b.finish(() => {});
    const table = decodeEmbeddings(parts.embeddings)!;
    expect(table.dim).toBe(32);
    expect(table.ids).toHaveLength(10);
    expect(table.ids).not.toContain('receipt-only');
    const groups = parts.shoppers!.prototypes;
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const g of groups) {
      expect(g.size).toBeGreaterThanOrEqual(5);
      // No group mixes the two tastes.
      const camp = g.items.filter(([id]) => ['tent', 'stove', 'mat', 'lamp', 'pegs'].includes(id)).length;
      expect(camp === 0 || camp === g.items.length).toBe(true);
    }
  });

  it('changes the version when a learned part changes and leaves a payload without them as it was', () => {
    expect(withLearned(base, {}, undefined)).toBe(base);
    const clusters = { v: 1 as const, builtAt: 0, categories: [], clusters: [{ id: 0, label: 'all', centroid: [0.5] }] };
    const a = withLearned(base, {}, clusters);
    const b = withLearned(base, {}, { ...clusters, clusters: [{ id: 0, label: 'all', centroid: [0.6] }] });
    expect(a.clusters).toEqual(clusters);
    expect(a.version).not.toBe(base.version);
    expect(a.version).not.toBe(b.version);
  });
});

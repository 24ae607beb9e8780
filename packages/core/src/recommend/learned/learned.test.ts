import { describe, expect, it } from 'vitest';
import { parseModel } from '../../runtime/model';
import { recommend } from '../recommend';
import { catalogOf, model } from '../test-fixtures';
import type { ModelPayload } from '../../types';
import { decodeEmbeddings, encodeEmbeddings, isShopperPrototypes } from './codec';
import { embeddingScores, embeddingTable, queryVector, rowsOf, scoreRows } from './score';
import { shopperItems } from './query';
import type { ShopperPrototypes } from './types';

// Hand-made 4-dimensional embeddings: camping items point along x, running items along y.
const VECTORS: Record<string, number[]> = {
  tent: [1, 0, 0, 0],
  tent2: [0.9, 0.1, 0, 0],
  stove: [0.8, 0, 0.2, 0],
  pegs: [0.7, 0, 0, 0.3],
  gas: [0.6, 0, 0.4, 0],
  shoe: [0, 1, 0, 0],
  sock: [0.1, 0.9, 0, 0],
  cap: [0, 0.8, 0.2, 0],
};

function withEmbeddings(): ModelPayload {
  const ids = Object.keys(VECTORS);
  const rows = new Float32Array(
    ids.flatMap((id) => {
      const v = VECTORS[id]!;
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    }),
  );
  return { ...model(), embeddings: encodeEmbeddings(ids, rows, 4) };
}

describe('embedding codec', () => {
  it('round-trips through int8 within 1/127 of each vector’s largest component', () => {
    const rows = new Float32Array([0.5, -1, 0.25, 0, 0, 0, 0.003, 0.9, -0.4]);
    const table = decodeEmbeddings(JSON.parse(JSON.stringify(encodeEmbeddings(['a', 'b', 'c'], rows, 3))))!;
    expect(table.ids).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < rows.length; i++) {
      const r = Math.floor(i / 3);
      expect(Math.abs(table.vectors[i]! * table.scales[r]! - rows[i]!)).toBeLessThanOrEqual(table.scales[r]! / 2 + 1e-7);
    }
    expect(table.scales[1]).toBe(0);
  });

  it('rejects malformed tables instead of throwing', () => {
    const good = encodeEmbeddings(['a', 'b'], new Float32Array(4).fill(0.5), 2);
    expect(decodeEmbeddings({ ...good, ids: ['a'] })).toBeUndefined();
    expect(decodeEmbeddings({ ...good, vectors: '%%%' })).toBeUndefined();
    expect(decodeEmbeddings({ ...good, dim: 0 })).toBeUndefined();
    expect(decodeEmbeddings(null)).toBeUndefined();
    expect(() => encodeEmbeddings(['a'], new Float32Array(3), 2)).toThrow(/expected 2 values/);
  });
});

describe('embedding strategy', () => {
  it('recommends what points the same way as the session, never the item on screen', () => {
    const items = recommend('embedding', { catalog: catalogOf(), model: withEmbeddings(), anchor: 'tent' }, { limit: 3, diversity: 1 });
    expect(items.map((r) => r.product.id)).toEqual(['tent2', 'stove', 'pegs']);
    expect(items[0]).toMatchObject({ strategy: 'embedding', reason: 'Similar to Trail tent' });
  });

  it('follows the latest views most, and the profile’s items when there is no session', () => {
    const m = withEmbeddings();
    const running = recommend('embedding', { catalog: catalogOf(), model: m, viewed: ['tent', 'shoe'] }, { limit: 2, diversity: 1 });
    expect(running.map((r) => r.product.id)).toEqual(['sock', 'cap']);
    const profile = { items: { shoe: { bought: 1, last: 5 }, tent: { bought: 0, last: 1 } } } as never;
    expect(shopperItems({ profile })[0]).toEqual(['shoe', 2 / 3]);
  });

  it('falls back to co-occurrence and popularity without embeddings', () => {
    const items = recommend('embedding', { catalog: catalogOf(), model: model(), anchor: 'tent' }, { limit: 2 });
    expect(items.map((r) => r.strategy)).not.toContain('embedding');
    expect(items).toHaveLength(2);
  });

  it('scores candidates for re-ranking by cosine with the session', () => {
    const table = embeddingTable(withEmbeddings())!;
    const q = queryVector(table, [['tent', 1]])!;
    const [stove, shoe, unknown] = embeddingScores(table, q, ['stove', 'shoe', 'unknown']);
    expect(stove).toBeGreaterThan(0.9);
    expect(Math.abs(shoe!)).toBeLessThan(0.02);
    expect(unknown).toBeNaN();
    const rows = rowsOf(table, ['stove', 'unknown', 'shoe']);
    expect(rows[1]).toBe(-1);
    expect([...scoreRows(table, q, [rows[0]!, rows[2]!])]).toEqual([stove, shoe]);
  });
});

describe('similar-shoppers strategy', () => {
  const shoppers: ShopperPrototypes = {
    v: 1,
    dim: 4,
    prototypes: [
      { centroid: [1, 0, 0, 0], size: 40, items: [['gas', 0.6], ['pegs', 0.5]] },
      { centroid: [0, 1, 0, 0], size: 30, items: [['cap', 0.7], ['sock', 0.2]] },
    ],
  };

  it('recommends what the nearest group of shoppers used, weighted by how near it is', () => {
    const m = { ...withEmbeddings(), shoppers };
    const items = recommend('similar-shoppers', { catalog: catalogOf(), model: m, viewed: ['shoe'] }, { limit: 2, diversity: 1 });
    expect(items.map((r) => r.product.id)).toEqual(['cap', 'sock']);
    expect(items[0]!.reason).toBe('Popular with shoppers like you');
    const camping = recommend('similar-shoppers', { catalog: catalogOf(), model: m, viewed: ['stove'] }, { limit: 1 });
    expect(camping[0]!.product.id).toBe('gas');
  });

  it('is off (falls back) when prototypes and embeddings disagree on dimensions', () => {
    const bad = { ...withEmbeddings(), shoppers: { ...shoppers, dim: 3 } };
    expect(isShopperPrototypes(bad.shoppers)).toBe(false);
    const items = recommend('similar-shoppers', { catalog: catalogOf(), model: bad, viewed: ['shoe'] }, { limit: 2 });
    expect(items.every((r) => r.strategy !== 'similar-shoppers')).toBe(true);
  });
});

describe('parseModel', () => {
  it('keeps well-formed learned parts and drops malformed ones without losing the rest', () => {
    const m = { ...withEmbeddings(), shoppers: { v: 1, dim: 4, prototypes: [{ centroid: [1], size: 3, items: [] }] } };
    const parsed = parseModel(JSON.parse(JSON.stringify(m)))!;
    expect(decodeEmbeddings(parsed.embeddings)?.ids).toHaveLength(8);
    expect(parsed.shoppers).toBeUndefined();
    expect(parsed.popular).toEqual(model().popular);
  });
});

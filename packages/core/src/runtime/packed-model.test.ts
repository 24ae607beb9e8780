import { describe, expect, it } from 'vitest';
import { model } from '../recommend/test-fixtures';
import { parseModel } from './model';
import { packModel, unpackModel, type PackedModel } from './packed-model';

/** What IndexedDB stores and gives back: a structured clone. */
const stored = async (m = model()) => structuredClone(await packModel(m));

describe('packModel / unpackModel', () => {
  it('gives back the same model after a trip through storage', async () => {
    const original = model();
    const back = unpackModel(await stored(original), parseModel)!;
    expect(back).toEqual(original);
    expect(JSON.parse(JSON.stringify(back))).toEqual(original);
    expect(back.boughtTogether.stove).toEqual([['gas', 45, 0.45, 9], ['pegs', 5, 0.05, 1]]);
    expect(back.next.tent).toEqual([['tent2', 9], ['stove', 3]]);
  });

  it('keeps every number exactly (not rounded to float32)', async () => {
    const m = model();
    m.alsoViewed.tent = [['stove', 3, 0.1538, 53.572]];
    expect(unpackModel(await stored(m), parseModel)!.alsoViewed.tent).toEqual([['stove', 3, 0.1538, 53.572]]);
  });

  it('stores the per-item lists as typed arrays and one id list', async () => {
    const p = await packModel(model());
    expect(p.lists.alsoViewed.x).toBeInstanceOf(Float64Array);
    expect(new Set(p.ids).size).toBe(p.ids.length);
    expect(Object.keys(p.rest)).not.toContain('alsoViewed');
  });

  it('answers only item ids: an unknown or prototype-named id finds nothing', async () => {
    const back = unpackModel(await stored(), parseModel)!;
    for (const id of ['nope', 'constructor', '__proto__', 'toString']) expect(back.alsoViewed[id]).toBeUndefined();
    expect('tent' in back.alsoViewed).toBe(true);
    expect('nope' in back.alsoViewed).toBe(false);
    expect(Object.keys(back.cartedTogether)).toEqual(['tent']);
  });

  it('is read-only', async () => {
    const back = unpackModel(await stored(), parseModel)!;
    expect(() => {
      back.alsoViewed.tent = [];
    }).toThrow(TypeError);
    expect(back.alsoViewed.tent).toHaveLength(3);
  });

  it('refuses a pack of another format or with an index out of range', async () => {
    const broken = async (edit: (p: PackedModel) => void) => {
      const p = await stored();
      edit(p);
      return unpackModel(p, parseModel);
    };
    expect(unpackModel(undefined, parseModel)).toBeUndefined();
    expect(unpackModel({ model: model() }, parseModel)).toBeUndefined();
    expect(await broken((p) => ((p as { v: number }).v = 2))).toBeUndefined();
    expect(await broken((p) => (p.lists.alsoViewed.n[0] = p.ids.length))).toBeUndefined();
    expect(await broken((p) => (p.lists.next.k[0] = 10_000))).toBeUndefined();
    expect(await broken((p) => (p.lists.boughtTogether.o[1] = 99))).toBeUndefined();
    expect(await broken((p) => (p.lists.cartedTogether.x = new Float64Array(1)))).toBeUndefined();
    expect(await broken((p) => ((p.lists.alsoViewed as unknown as { n: number[] }).n = [0]))).toBeUndefined();
    expect(await broken((p) => (p.ids[0] = 7 as unknown as string))).toBeUndefined();
    expect(await broken((p) => ((p.rest as { version: unknown }).version = 1))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { applyEvent } from '../profile/apply-event';
import { buildProfile } from '../profile/build-profile';
import { resolveProfileOptions } from '../profile/options';
import { DAY, T0, ev, item } from '../profile/test-support';
import { bytesToBase64 } from '../recommend/learned/base64';
import { encodeEmbeddings } from '../recommend/learned/codec';
import type { ModelPayload, Product } from '../types';
import { rankContext } from './context';
import { listFeatures } from './list-features';
import { rank } from './rank';
import { RUN, ids, shoesPage, testModel } from './test-products';
import { DEFAULT_RANK_WEIGHTS, type RankOptions } from './types';

const NOW = T0 + DAY;
const SANDALS = ['Shoes', 'Sandals'];

// Hand-made 4-d embeddings: beach things along x, running along y, casual along z, hiking along w.
// The runner's own items (x1–x3) have no vector, so a query from them alone is empty.
const VECTORS: Record<string, number[]> = {
  towel: [0.95, 0, 0.05, 0],
  f1: [1, 0, 0, 0],
  f2: [0.9, 0.1, 0, 0],
  r1: [0, 1, 0, 0],
  r2: [0.1, 0.9, 0, 0],
  r3: [0, 0.9, 0.1, 0],
  r4: [0, 0.8, 0, 0.2],
  c1: [0, 0, 1, 0],
  c2: [0, 0.1, 0.9, 0],
  c3: [0.1, 0, 0.9, 0],
  c4: [0, 0, 0.8, 0.2],
  h1: [0, 0, 0, 1],
  h2: [0, 0.1, 0, 0.9],
};


function embeddings(vectors = VECTORS) {
  const keys = Object.keys(vectors);
  const rows = new Float32Array(
    keys.flatMap((id) => {
      const v = vectors[id]!;
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    }),
  );
  return encodeEmbeddings(keys, rows, 4);
}

/** The model without embeddings: two popular items. */
const baseModel = () => testModel([['c2', 5], ['r3', 2]], T0);
const withEmbeddings = (): ModelPayload => ({ ...baseModel(), embeddings: embeddings() });

/** Looked at a beach towel (not on the shoes page): nothing in the profile matches a shoe. */
function beachgoer() {
  return buildProfile([ev('view_item', T0, { items: [item('towel', 'Beach towel', ['Beach', 'Towels'], 25)] })], { now: () => NOW });
}

/** A strong running profile: many views and carts of running shoes (none on this page). */
function runner() {
  const events = Array.from({ length: 9 }, (_, i) =>
    ev(i % 3 === 2 ? 'add_to_cart' : 'view_item', T0 + i * 60_000, { items: [item(`x${i % 3}`, `Runner ${i % 3}`, RUN, 130 + i)] }),
  );
  return buildProfile(events, { now: () => NOW });
}

const scored = (list: ReturnType<typeof rank>) => list.map((r) => [r.id, r.score]);
const at = (list: ReturnType<typeof rank>, id: string) => list.findIndex((r) => r.id === id);

describe('rank — learned embeddings', () => {
  it('raises products whose embedding is close to what the session viewed', () => {
    const profile = beachgoer();
    const before = rank(shoesPage, { profile, model: baseModel(), now: NOW });
    const after = rank(shoesPage, { profile, model: withEmbeddings(), now: NOW });
    expect(at(after, 'f1')).toBeLessThan(at(before, 'f1'));
    expect(at(after, 'f2')).toBeLessThan(at(before, 'f2'));
    const f1 = after.find((r) => r.id === 'f1')!;
    expect(f1.parts.embedding).toBeGreaterThan(0.95);
    expect(f1.reason).toBe('Similar to Beach towel');
    // Orthogonal items get (about) nothing, and the part is only a nudge, not a takeover.
    expect(Math.abs(after.find((r) => r.id === 'h1')!.parts.embedding)).toBeLessThan(0.02);
    expect(f1.score - before.find((r) => r.id === 'f1')!.score).toBeCloseTo(DEFAULT_RANK_WEIGHTS.embedding * f1.parts.embedding, 9);
  });

  it('works from an explicit session without a profile, with a plain reason', () => {
    const ranked = rank(shoesPage, { model: withEmbeddings(), sessionItems: ['towel'], now: NOW, diversity: false });
    const before = rank(shoesPage, { model: baseModel(), sessionItems: ['towel'], now: NOW, diversity: false });
    expect(at(ranked, 'f1')).toBeLessThan(at(before, 'f1'));
    expect(ranked.find((r) => r.id === 'f1')!.reason).toBe('Similar to items you viewed');
  });

  it('gives the items of the query themselves no embedding part (history scores them)', () => {
    const profile = buildProfile([ev('view_item', T0, { items: [item('f1', 'Sandal', SANDALS, 35)] })], { now: () => NOW });
    const ranked = rank(shoesPage, { profile, model: withEmbeddings(), now: NOW });
    expect(ranked.find((r) => r.id === 'f1')!.parts.embedding).toBe(0);
    expect(ranked.find((r) => r.id === 'f2')!.parts.embedding).toBeGreaterThan(0.9);
  });

  it('does not float a bought durable back up', () => {
    // The purchase is older than the 20 latest items, so it is not in the query itself.
    const views = Array.from({ length: 21 }, (_, i) => ev('view_item', T0 + (i + 1) * 60_000, { items: [item(`v${i}`, `Thing ${i}`, ['Misc'], 10)] }));
    const profile = buildProfile(
      [ev('purchase', T0, { items: [item('f2', 'Flip-flop', SANDALS, 20)] }), ...views, ev('view_item', T0 + 3_600_000, { items: [item('towel', 'Beach towel', ['Beach', 'Towels'], 25)] })],
      { now: () => NOW },
    );
    const ranked = rank(shoesPage, { profile, model: withEmbeddings(), now: NOW });
    const f2 = ranked.find((r) => r.id === 'f2')!;
    expect(f2.parts.history).toBe(-1);
    expect(f2.parts.embedding).toBe(0);
    expect(ranked.find((r) => r.id === 'f1')!.parts.embedding).toBeGreaterThan(0.9);
  });

  it("does not override the profile's category affinity", () => {
    // The session points at sandals; the profile's running affinity must still lead.
    const ranked = rank(shoesPage, { profile: runner(), model: withEmbeddings(), sessionItems: ['towel'], now: NOW });
    expect(ranked.find((r) => r.id === 'f1')!.parts.embedding).toBeGreaterThan(0.9);
    expect(ranked[0]!.product.category).toEqual(RUN);
    expect(ranked.slice(0, 4).filter((r) => r.product.category![1] === 'Running')).toHaveLength(4);
    expect(ranked.slice(0, 4).map((r) => r.reason)).toEqual(Array(4).fill('Matches your interest in Shoes > Running'));
  });

  it('keeps the base order exactly for a new visitor', () => {
    const ranked = rank(shoesPage, { model: withEmbeddings(), now: NOW });
    expect(ids(ranked)).toEqual(ids(shoesPage));
    expect(ranked.every((r) => r.parts.embedding === 0 && r.reason === "In the store's order")).toBe(true);
  });

  it('ranks exactly as before when the model has no usable table', () => {
    const cases: RankOptions[] = [
      { profile: runner(), now: NOW },
      { profile: beachgoer(), now: NOW, region: 'FR', rules: { pin: { c4: 2 }, bury: ['h1'] } },
      { sessionItems: ['towel', 'r1'], now: NOW },
    ];
    const none = baseModel();
    const tables: ModelPayload[] = [
      { ...none, embeddings: undefined },
      { ...none, embeddings: encodeEmbeddings([], new Float32Array(0), 4) },
      // A table that knows none of the shopper's items: no query.
      { ...none, embeddings: embeddings({ zz: [1, 0, 0, 0] }) },
    ];
    for (const o of cases) {
      const expected = rank(shoesPage, { ...o, model: none });
      for (const model of tables) {
        const got = rank(shoesPage, { ...o, model });
        expect(ids(got)).toEqual(ids(expected));
        expect(scored(got)).toEqual(scored(expected));
        expect(got.every((r) => r.parts.embedding === 0)).toBe(true);
      }
    }
    // Weight 0 turns the signal off (the part is still reported).
    const o = { profile: beachgoer(), now: NOW };
    const off = rank(shoesPage, { ...o, model: withEmbeddings(), weights: { embedding: 0 } });
    expect(scored(off)).toEqual(scored(rank(shoesPage, { ...o, model: none })));
    expect(off.find((r) => r.id === 'f1')!.parts.embedding).toBeGreaterThan(0.9);
  });

  it('ignores a malformed table instead of failing', () => {
    const good = embeddings();
    const nanScales = bytesToBase64(new Uint8Array(new Float32Array(good.ids.length).fill(NaN).buffer));
    const bad: unknown[] = [
      { ...good, vectors: '%%%' },
      { ...good, ids: good.ids.slice(1) },
      { ...good, dim: 0 },
      { ...good, dim: 3 },
      { ...good, v: 2 },
      { ...good, scales: nanScales },
      'not a table',
      42,
    ];
    const o = { profile: beachgoer(), now: NOW };
    const expected = rank(shoesPage, { ...o, model: baseModel() });
    // The good table does move this shopper's list, so equality below means "ignored".
    expect(ids(rank(shoesPage, { ...o, model: withEmbeddings() }))).not.toEqual(ids(expected));
    for (const e of bad) {
      const got = rank(shoesPage, { ...o, model: { ...baseModel(), embeddings: e as ModelPayload['embeddings'] } });
      expect(scored(got)).toEqual(scored(expected));
    }
  });

  it('scores products without a vector 0, whatever else the list holds', () => {
    const page: Product[] = [...shoesPage, { id: 'no-vector', title: 'Mystery', category: SANDALS, price: 30 }];
    const ranked = rank(page, { profile: beachgoer(), model: withEmbeddings(), now: NOW });
    expect(ranked.find((r) => r.id === 'no-vector')!.parts.embedding).toBe(0);
  });
});

describe('rank — embedding caches', () => {
  it('reuses the query per profile version and model, and the cosines per list', () => {
    const model = withEmbeddings();
    const profile = beachgoer();
    const q = rankContext({ profile, model }, NOW).embedding!;
    expect(q).not.toBeNull();
    // A shallow copy (what the profile store publishes) with no new event: same query.
    expect(rankContext({ profile: { ...profile }, model }, NOW).embedding).toBe(q);
    const first = rank(shoesPage, { profile, model, now: NOW });
    const cosines = q.byList.get(listFeatures(shoesPage))!;
    expect(cosines).toBeInstanceOf(Float64Array);
    const again = rank(shoesPage, { profile: { ...profile }, model, now: NOW });
    expect(q.byList.get(listFeatures(shoesPage))).toBe(cosines);
    expect(scored(again)).toEqual(scored(first));
    // Another model object: its own query.
    expect(rankContext({ profile, model: { ...model } }, NOW).embedding).not.toBe(q);
  });

  it('rebuilds the query after a new event, and moves the ranking with it', () => {
    const model = withEmbeddings();
    const o = resolveProfileOptions({ now: () => NOW });
    const live = beachgoer();
    const q = rankContext({ profile: live, model }, NOW).embedding!;
    const sandalsFirst = rank(shoesPage, { profile: { ...live }, model, now: NOW });
    for (let i = 0; i < 3; i++) applyEvent(live, ev('view_item', NOW + i * 1000, { items: [item('h1', 'Trail boot', ['Shoes', 'Hiking'], 150)] }), o);
    const q2 = rankContext({ profile: { ...live }, model }, NOW).embedding!;
    expect(q2).not.toBe(q);
    expect(q2.items[0]![0]).toBe('h1');
    const hiking = rank(shoesPage, { profile: { ...live }, model, now: NOW + 3000 });
    expect(hiking.find((r) => r.id === 'h2')!.parts.embedding).toBeGreaterThan(0.5);
    expect(sandalsFirst.find((r) => r.id === 'h2')!.parts.embedding).toBeLessThan(0.1);
  });

  it('caches an explicit session by its items', () => {
    const model = withEmbeddings();
    const a = rankContext({ model, sessionItems: ['towel'] }, NOW).embedding;
    expect(rankContext({ model, sessionItems: ['towel'] }, NOW).embedding).toBe(a);
    const b = rankContext({ model, sessionItems: ['towel', 'r1'] }, NOW).embedding;
    expect(b).not.toBe(a);
    expect(b!.items.map((it) => it[0])).toEqual(['r1', 'towel']);
  });
});

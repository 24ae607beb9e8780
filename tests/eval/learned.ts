import { buildSessionIndex, predictNext } from '../../packages/core/src/recommend/next';
import { encodeEmbeddings } from '../../packages/core/src/recommend/learned/codec';
import { embedding } from '../../packages/core/src/recommend/strategies/embedding';
import { similarShoppers } from '../../packages/core/src/recommend/strategies/similar-shoppers';
import type { ModelPayload } from '../../packages/core/src/types';
import { buildShopperPrototypes, type PrototypeOptions } from '../../packages/server/src/cf/prototypes';
import { trainEmbeddings, type EmbeddingOptions, type TrainedEmbeddings } from '../../packages/server/src/embeddings/train';
import { endTime, type Session } from './sessions';
import type { NextItemStrategy } from './strategy';

/**
 * The model parts the server would publish from these training sessions: quantised embeddings
 * and shopper prototypes (each training session standing for one shopper's history).
 *
 * @example learnedModel(train).embeddings?.ids.length
 */
export function learnedModel(train: readonly Session[], options: Partial<EmbeddingOptions> = {}, protos: Partial<PrototypeOptions> = {}): { model: ModelPayload; trained: TrainedEmbeddings } {
  const trained = trainEmbeddings(
    train.map((s) => s.items),
    options,
  );
  const model = {
    embeddings: encodeEmbeddings(trained.ids, trained.rows, trained.dim),
    shoppers: buildShopperPrototypes(
      train.map((s) => s.items),
      trained,
      protos,
    ),
  } as ModelPayload;
  return { model, trained };
}

/**
 * Core's `embedding` strategy over embeddings trained on the training sessions and published
 * exactly as the server does (int8, base64), queried with the session so far.
 *
 * @example evaluateNextItem(train, test, [coreEmbedding()])
 */
export function coreEmbedding(options: Partial<EmbeddingOptions> = {}, name = 'embedding'): NextItemStrategy {
  return {
    name,
    fit(train) {
      const { model } = learnedModel(train, options);
      return (prefix, k) => embedding({ model, viewed: prefix }, k).slice(0, k).map((c) => c.id);
    },
  };
}

/**
 * Core's `similar-shoppers` over prototypes of the training sessions.
 *
 * @example evaluateNextItem(train, test, [coreSimilarShoppers()])
 */
export function coreSimilarShoppers(protos: Partial<PrototypeOptions> = {}): NextItemStrategy {
  return {
    name: 'similar-shoppers',
    fit(train) {
      const { model } = learnedModel(train, {}, protos);
      return (prefix, k) => similarShoppers({ model, viewed: prefix }, k).slice(0, k).map((c) => c.id);
    },
  };
}

/** The learned strategies a blend can add to `next`. */
export type LearnedPart = 'embedding' | 'similar-shoppers';

/**
 * `next` (session-kNN over the index) blended with a learned strategy: each list's scores
 * normalised to best = 1, `next` weighted 1 − w and the other w, as core's `hybrid` blends.
 * With w = 0 it is `next` exactly.
 *
 * @example evaluateNextItem(train, test, [nextBlend('embedding', 0.1)])
 */
export function nextBlend(part: LearnedPart, w: number, name = `next+${part}(${w})`): NextItemStrategy {
  const other = part === 'embedding' ? embedding : similarShoppers;
  return {
    name,
    fit(train) {
      const index = buildSessionIndex(train.map((s) => ({ items: s.items, end: endTime(s) * 1000 })));
      const model = w > 0 ? learnedModel(train).model : undefined;
      return (prefix, k, time) => {
        const acc = new Map<string, number>();
        const found = predictNext(index, prefix, { limit: k * 2, now: time * 1000 });
        const top = found[0]?.[1] ?? 1;
        for (const [id, s] of found) acc.set(id, (1 - w) * (s / top));
        if (model) for (const c of other({ model, viewed: prefix }, k)) acc.set(c.id, (acc.get(c.id) ?? 0) + w * c.score);
        return [...acc].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([id]) => id);
      };
    },
  };
}

import type { ClusterModel, ModelPayload } from '@affinity/core';
import { createHash } from 'node:crypto';
import { encodeEmbeddings } from '../../../core/src/recommend/learned/codec';
import { buildShopperPrototypesAsync, type PrototypeOptions } from '../cf/prototypes';
import type { ModelEvent } from '../storage/storage';
import { trainEmbeddingsAsync, type EmbeddingOptions } from './train';

/** Events that put an item in a session's sequence (a purchase lists an order, not a step). */
const STEP_TYPES = new Set(['view_item', 'select_item', 'add_to_cart']);

/** Sessions with more steps than this keep only their last ones (crawlers). */
const MAX_STEPS = 50;

/** Collects session sequences from model events (any order) and trains the learned model parts. */
export interface LearnedBuilder {
  add(events: readonly ModelEvent[]): void;
  /** Embeddings and shopper prototypes; both absent when there is too little data. */
  finish(pause: () => Promise<void> | void): Promise<Pick<ModelPayload, 'embeddings' | 'shoppers'>>;
}

/**
 * The learned parts of the model payload, built alongside the co-occurrence model from the same
 * event scan: item embeddings (`trainEmbeddings`, 32 dimensions, int8) from session sequences,
 * and shopper prototypes (`buildShopperPrototypes`) with each session standing for a shopper's
 * recent history (stored events carry no cross-session identity; they are only stored for
 * shoppers who consented to capture).
 *
 * @example
 * const learned = createLearnedBuilder();
 * await storage.scanModelEvents(site, (chunk) => learned.add(chunk));
 * Object.assign(payload, await learned.finish(yieldEvery(10)));
 */
export function createLearnedBuilder(options: { embeddings?: Partial<EmbeddingOptions>; prototypes?: Partial<PrototypeOptions> } = {}): LearnedBuilder {
  const sessions = new Map<string, { ts: number; item: string }[]>();
  return {
    add(events) {
      for (const e of events) {
        if (!STEP_TYPES.has(e.type) || !Number.isFinite(e.ts) || !Array.isArray(e.data?.items)) continue;
        for (const it of e.data.items) {
          if (!it || typeof it.item_id !== 'string' || it.item_id === '') continue;
          let steps = sessions.get(e.session);
          if (!steps) sessions.set(e.session, (steps = []));
          steps.push({ ts: e.ts, item: it.item_id });
        }
      }
    },
    async finish(pause) {
      const sequences: string[][] = [];
      for (const steps of sessions.values()) {
        steps.sort((a, b) => a.ts - b.ts || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
        const seq: string[] = [];
        // A list click, its product page and its add-to-cart are one step.
        for (const s of steps) if (seq[seq.length - 1] !== s.item) seq.push(s.item);
        if (seq.length > 1) sequences.push(seq.slice(-MAX_STEPS));
      }
      const trained = await trainEmbeddingsAsync(sequences, options.embeddings ?? {}, pause);
      if (trained.ids.length === 0) return {};
      const shoppers = await buildShopperPrototypesAsync(sequences, trained, options.prototypes ?? {}, pause);
      return {
        embeddings: encodeEmbeddings(trained.ids, trained.rows, trained.dim),
        ...(shoppers.prototypes.length ? { shoppers } : {}),
      };
    },
  };
}

/**
 * The payload with its learned parts and cluster centroids added, and a `version` (the ETag)
 * that changes when any of them changes.
 *
 * @example withLearned(payload, await learned.finish(pause), clusterModel)
 */
export function withLearned(payload: ModelPayload, learned: Pick<ModelPayload, 'embeddings' | 'shoppers'>, clusters: ClusterModel | undefined): ModelPayload {
  const extra: Pick<ModelPayload, 'embeddings' | 'shoppers' | 'clusters'> = { ...learned, ...(clusters ? { clusters } : {}) };
  if (!extra.embeddings && !extra.shoppers && !extra.clusters) return payload;
  const version = createHash('sha1').update(payload.version).update(JSON.stringify(extra)).digest('base64url').slice(0, 16);
  return { ...payload, version, ...extra };
}

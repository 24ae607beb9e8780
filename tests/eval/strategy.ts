import type { Session } from './sessions';

/**
 * A next-item recommender under evaluation: given the items of the current session so far
 * (oldest first) and the time of the last one, return up to `k` item ids, best first.
 */
export type NextItemRecommender = (prefix: readonly string[], k: number, time: number) => string[];

/** A named way to build a recommender from training sessions. */
export interface NextItemStrategy {
  name: string;
  fit(train: readonly Session[]): NextItemRecommender;
}

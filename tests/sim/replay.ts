import { buildSessionIndex, predictNext, type SessionIndex } from '../../packages/core/src/recommend/next';
import { endTime, type Session } from '../eval/sessions';

/** One widget impression of a replayed session: the list shown and whether the shopper's real next item was in it. */
export interface Shown {
  items: string[];
  /** Position of the real next item in `items`, or -1 (no click). */
  clicked: number;
  /** Epoch ms of the step. */
  ts: number;
}

/** A recommender for a widget on the page of the last item of `prefix`. */
export type Recommender = (prefix: readonly string[], k: number, nowMs: number) => string[];

/**
 * The two widgets of the simulation, both fitted on the training sessions only:
 * - `personalized`: core's `next` strategy (session-kNN + sequential rules over a
 *   `buildSessionIndex` of training sessions), topped up with popular items when it has fewer
 *   than k, as core's fallback chain does;
 * - `popular`: the k most clicked training items — the control's non-personal fallback.
 * Neither recommends the item on the page.
 *
 * @example const { personalized, popular } = fitRecommenders(train); personalized(['a', 'b'], 10, Date.now())
 */
export function fitRecommenders(train: readonly Session[]): { personalized: Recommender; popular: Recommender; index: SessionIndex } {
  const index = buildSessionIndex(
    train.map((s) => ({ items: s.items, end: endTime(s) * 1000 })),
    { maxSessions: Infinity },
  );
  const counts = new Map<string, number>();
  for (const s of train) for (const item of s.items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  const popular: Recommender = (prefix, k) => {
    const anchor = prefix[prefix.length - 1];
    const out: string[] = [];
    for (const id of ranked) {
      if (id !== anchor) out.push(id);
      if (out.length === k) break;
    }
    return out;
  };
  const personalized: Recommender = (prefix, k, nowMs) => {
    const anchor = prefix[prefix.length - 1];
    const out: string[] = [];
    for (const [id] of predictNext(index, prefix, { limit: k + 1, now: nowMs })) {
      if (id !== anchor && out.length < k) out.push(id);
    }
    for (const id of popular(prefix, k, nowMs)) {
      if (out.length >= k) break;
      if (!out.includes(id)) out.push(id);
    }
    return out;
  };
  return { personalized, popular, index };
}

/**
 * Replays a held-out session as a shopper who follows their real path: on the page of each
 * item a widget shows `k` recommendations; the shopper clicks one exactly when it is the item
 * they really viewed next. Steps where the next click is the same item (a reload) are skipped.
 *
 * @example replaySession(session, recommenders.personalized, 10) // [{ items: [...], clicked: 3, ts }, …]
 */
export function replaySession(session: Session, recommend: Recommender, k: number): Shown[] {
  const shown: Shown[] = [];
  for (let i = 0; i + 1 < session.items.length; i++) {
    const next = session.items[i + 1]!;
    if (next === session.items[i]) continue;
    const ts = Math.round(session.times[i]! * 1000);
    const items = recommend(session.items.slice(0, i + 1), k, ts);
    shown.push({ items, clicked: items.indexOf(next), ts });
  }
  return shown;
}

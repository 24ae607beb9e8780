import { bump, type PairCounts } from './basket-counts';

/** One session's product views in time order (ties by item id), as parallel arrays. */
export interface ViewSequence {
  ts: number[];
  items: number[];
  /** Set once the session had more views than the limit: it adds no transitions (bots, crawlers). */
  over?: true;
}

/**
 * Insert a view into a session's time-ordered sequence and keep `transitions` (counts of
 * directed pairs of consecutive distinct items) equal to what sorting the whole sequence would
 * give. Views nearly always arrive in order, so the search starts from the end. A session that
 * grows past `maxViews` takes its transitions back and stops counting, so the work per view is
 * bounded and the counts never depend on arrival order.
 *
 * @example
 * insertView(seq, t, 4, ids, transitions, 200); // appends and counts (previous item → 4)
 */
export function insertView(seq: ViewSequence, ts: number, item: number, ids: readonly string[], transitions: PairCounts, maxViews: number): void {
  if (seq.over) return;
  const { ts: times, items } = seq;
  if (times.length === maxViews) {
    for (let k = 1; k < items.length; k++) if (items[k - 1] !== items[k]) bump(transitions, items[k - 1]!, items[k]!, -1);
    seq.ts = [];
    seq.items = [];
    seq.over = true;
    return;
  }
  let at = times.length;
  while (at > 0 && (times[at - 1]! > ts || (times[at - 1] === ts && ids[items[at - 1]!]! > ids[item]!))) at--;
  const before = at > 0 ? items[at - 1]! : -1;
  const after = at < items.length ? items[at]! : -1;
  if (before !== -1 && after !== -1 && before !== after) bump(transitions, before, after, -1);
  if (before !== -1 && before !== item) bump(transitions, before, item);
  if (after !== -1 && after !== item) bump(transitions, item, after);
  if (at === times.length) {
    times.push(ts);
    items.push(item);
  } else {
    times.splice(at, 0, ts);
    items.splice(at, 0, item);
  }
}

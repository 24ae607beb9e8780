import { CLUSTER_LIFECYCLE_STAGES } from '../../../core/src/clusters/features';

/** Words for the lifecycle stage a cluster is mostly in. */
const STAGE_WORDS: Record<string, string> = {
  new_visitor: 'new visitors',
  engaged_browser: 'engaged browsers',
  first_time_buyer: 'first-time buyers',
  repeat_customer: 'repeat customers',
  returning: 'returning',
  dormant: 'dormant',
  churned: 'churned',
};

// A category (or stage) names the cluster when it holds at least this share of the centroid's
// block: the mean shopper of the cluster leans clearly towards it.
const DOMINANT = 0.4;

// Without a dominant category, one bought this much more than by the average shopper is named.
const LIFT = 1.25;

/**
 * Words for a cluster from its centroid (layout of `clusterFeatures` with `categories`):
 * spend, buying frequency, recency, leading categories, price attitude and the main lifecycle
 * stage, e.g. "high spend, frequent, Home décor, price tolerant, repeat customers". With the
 * mean of all shoppers (`population`), a cluster without a dominant category is named by the
 * category it over-indexes on ("mixed, most Christmas").
 *
 * @example
 * describeCentroid(centroid, ['Home décor', 'Garden']); // 'high spend, recent, Home décor, price tolerant'
 */
export function describeCentroid(centroid: readonly number[], categories: readonly string[], population?: readonly number[]): string {
  const n = categories.length;
  const [recency, frequency, monetary, price, interaction] = centroid.slice(n, n + 5).map((x) => x * 5) as [number, number, number, number, number];
  const words: string[] = [];
  if (monetary < 0.5) words.push('no purchases');
  else {
    words.push(monetary >= 3.5 ? 'high spend' : monetary >= 2.5 ? 'mid spend' : 'low spend');
    if (frequency >= 3.5) words.push('frequent');
    else if (frequency < 1.5) words.push('one-off');
    if (recency >= 3.5) words.push('recent');
    else if (recency < 2) words.push('lapsed');
  }
  const shares = centroid.slice(0, n).map((x) => x * Math.SQRT2);
  const top = shares
    .map((s, i) => [s, categories[i]!] as const)
    .filter(([s]) => s >= DOMINANT)
    .sort((a, b) => b[0] - a[0]);
  if (top.length) words.push(top.map(([, c]) => c).join(' & '));
  else if (shares.some((s) => s > 0.05)) {
    const lift = shares.map((s, i) => (population && population[i]! > 0 ? s / (population[i]! * Math.SQRT2) : 0));
    const most = lift.indexOf(Math.max(...lift));
    words.push(lift[most]! >= LIFT ? `mixed, most ${categories[most]}` : 'mixed categories');
  }
  // Scaled ×5 above; the price score is 0–1 with 0.5 for unknown.
  if (price <= 2) words.push('price tolerant');
  else if (price >= 3) words.push('price sensitive');
  if (interaction >= 2.5 && monetary < 0.5) words.push('highly engaged');
  const stages = centroid.slice(n + 5).map((x) => x * Math.SQRT2);
  const main = stages.indexOf(Math.max(...stages));
  if (stages[main]! >= DOMINANT + 0.1) words.push(STAGE_WORDS[CLUSTER_LIFECYCLE_STAGES[main]!]!);
  return words.join(', ');
}

/**
 * Make labels unique by numbering repeats ("dormant", "dormant (2)"), so a segment rule on a
 * label never matches two clusters.
 *
 * @example
 * uniqueLabels(['a', 'b', 'a']); // ['a', 'b', 'a (2)']
 */
export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} (${n})`;
  });
}

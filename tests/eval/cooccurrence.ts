import type { Similarity } from './metrics';
import type { Session } from './sessions';

/** Number of training sessions each item appears in (its popularity for the harness). */
export function sessionCounts(train: readonly Session[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of train) for (const id of new Set(s.items)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Number of training events of each item: popularity as session-rec's `pop` counts it. */
export function eventCounts(train: readonly Session[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of train) for (const id of s.items) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * Session co-occurrence cosine between two items, |S(a) ∩ S(b)| / √(|S(a)|·|S(b)|) over
 * training sessions. Data sets without item features (YooChoose) have no other notion of
 * "similar", so intra-list diversity uses this one everywhere for comparable numbers.
 *
 * @example const sim = cooccurrenceCosine(train); sim('a', 'b') // 0.5
 */
export function cooccurrenceCosine(train: readonly Session[]): Similarity {
  const counts = sessionCounts(train);
  const joint = new Map<string, number>();
  for (const s of train) {
    const items = [...new Set(s.items)];
    if (items.length > 50) continue; // a crawler-like session says nothing about similarity
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const key = pairKey(items[i]!, items[j]!);
        joint.set(key, (joint.get(key) ?? 0) + 1);
      }
    }
  }
  return (a, b) => {
    if (a === b) return 1;
    const both = joint.get(pairKey(a, b));
    return both ? both / Math.sqrt(counts.get(a)! * counts.get(b)!) : 0;
  };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

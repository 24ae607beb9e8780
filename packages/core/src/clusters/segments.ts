import type { SegmentDefinitions, SegmentRule } from '../segments/types';

/**
 * Whether any rule reads a `cluster.*` field — only then does the page need the model's cluster
 * centroids to evaluate segments (so pages without such rules never load the model for them).
 *
 * @example usesCluster({ vip: { field: 'cluster.label', op: 'contains', value: 'high spend' } }) // true
 */
export function usesCluster(defs: SegmentDefinitions | undefined): boolean {
  return Object.values(defs ?? {}).some(reads);
}

function reads(rule: SegmentRule): boolean {
  if (!rule || typeof rule !== 'object') return false;
  if ('all' in rule) return Array.isArray(rule.all) && rule.all.some(reads);
  if ('any' in rule) return Array.isArray(rule.any) && rule.any.some(reads);
  if ('not' in rule) return reads(rule.not);
  return typeof rule.field === 'string' && (rule.field === 'cluster' || rule.field.startsWith('cluster.'));
}

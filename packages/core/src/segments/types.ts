/** Comparison operators of a segment condition. */
export const SEGMENT_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists'] as const;
/** One of `SEGMENT_OPS`. */
export type SegmentOp = (typeof SEGMENT_OPS)[number];

/** One comparison on a profile field, e.g. `{ field: 'rfm.segment', op: 'in', value: ['champion', 'loyal'] }`. */
export interface SegmentCondition {
  field: string;
  op: SegmentOp;
  /** Required except for `exists` (where `false` means "is missing"). */
  value?: unknown;
}

/**
 * A merchant segment rule: plain JSON, evaluated without `eval`.
 *
 * @example
 * const rule: SegmentRule = { all: [
 *   { field: 'tags.priceSensitivity', op: 'eq', value: 'high' },
 *   { not: { field: 'lifecycle', op: 'in', value: ['dormant', 'churned'] } },
 * ] };
 */
export type SegmentRule = { all: SegmentRule[] } | { any: SegmentRule[] } | { not: SegmentRule } | SegmentCondition;

/** Segments by name. */
export type SegmentDefinitions = Record<string, SegmentRule>;

/** One problem found in a rule, with the path to it (`vip.all[1].op`). */
export interface SegmentIssue {
  path: string;
  message: string;
}

/** Thrown by `defineSegments` when any rule is invalid; lists every problem. */
export class SegmentRuleError extends Error {
  readonly issues: SegmentIssue[];
  constructor(issues: SegmentIssue[]) {
    super(
      `Invalid segment rules:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}\n` +
        'A rule is { all: [...] }, { any: [...] }, { not: rule } or { field, op, value }; see the Segments section of the README.',
    );
    this.name = 'SegmentRuleError';
    this.issues = issues;
  }
}

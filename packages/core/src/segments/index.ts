export { SEGMENT_OPS, SegmentRuleError, type SegmentOp, type SegmentCondition, type SegmentRule, type SegmentDefinitions, type SegmentIssue } from './types';
export { profileFacts, readField, FACT_FIELDS, type ProfileFacts } from './facts';
export { validateSegments, defineSegments } from './validate';
export { matchesRule, evaluateSegments, explainSegment } from './evaluate';

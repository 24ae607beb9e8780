import { AFFINITY_FIELD, FACT_FIELDS } from './facts';
import { SEGMENT_OPS, SegmentRuleError, type SegmentDefinitions, type SegmentIssue } from './types';

const KNOWN_FIELDS = new Set<string>(FACT_FIELDS);
const OPS = new Set<string>(SEGMENT_OPS);
const MAX_DEPTH = 20;

/**
 * Check segment definitions and list every problem with its path (never throws).
 *
 * @example
 * validateSegments({ vip: { all: [{ field: 'rfm.segmnt', op: 'eq', value: 'champion' }] } });
 * // → [{ path: 'vip.all[0].field', message: "unknown field 'rfm.segmnt' …" }]
 */
export function validateSegments(defs: unknown): SegmentIssue[] {
  const issues: SegmentIssue[] = [];
  if (!isObject(defs)) return [{ path: '(segments)', message: 'expected an object of { name: rule }' }];
  for (const name of Object.keys(defs)) {
    if (!name.trim()) issues.push({ path: JSON.stringify(name), message: 'segment names must not be empty' });
    checkRule(defs[name], name, 0, issues);
  }
  return issues;
}

/**
 * Validate and freeze segment definitions; throws `SegmentRuleError` listing every problem.
 *
 * @example
 * const segments = defineSegments({ bargainHunters: { field: 'tags.priceSensitivity', op: 'eq', value: 'high' } });
 */
export function defineSegments(defs: SegmentDefinitions): SegmentDefinitions {
  const issues = validateSegments(defs);
  if (issues.length) throw new SegmentRuleError(issues);
  return deepFreeze(structuredClone(defs));
}

function checkRule(rule: unknown, path: string, depth: number, issues: SegmentIssue[]): void {
  if (depth > MAX_DEPTH) return void issues.push({ path, message: `rules may nest at most ${MAX_DEPTH} levels` });
  if (!isObject(rule)) return void issues.push({ path, message: 'expected a rule object: { all }, { any }, { not } or { field, op, value }' });
  const keys = Object.keys(rule);
  if ('all' in rule || 'any' in rule) {
    const k = 'all' in rule ? 'all' : 'any';
    if (keys.length !== 1) return void issues.push({ path, message: `'${k}' must be the only key, found ${keys.join(', ')}` });
    const list = rule[k];
    if (!Array.isArray(list) || list.length === 0) return void issues.push({ path: `${path}.${k}`, message: 'expected a non-empty array of rules' });
    list.forEach((r, i) => checkRule(r, `${path}.${k}[${i}]`, depth + 1, issues));
    return;
  }
  if ('not' in rule) {
    if (keys.length !== 1) return void issues.push({ path, message: `'not' must be the only key, found ${keys.join(', ')}` });
    return checkRule(rule.not, `${path}.not`, depth + 1, issues);
  }
  if (!('field' in rule)) return void issues.push({ path, message: `expected all, any, not or field; found ${keys.join(', ') || 'no keys'}` });
  const extra = keys.filter((k) => k !== 'field' && k !== 'op' && k !== 'value');
  if (extra.length) issues.push({ path, message: `unexpected key(s) ${extra.join(', ')}` });
  const { field, op, value } = rule;
  if (typeof field !== 'string' || !(KNOWN_FIELDS.has(field) || AFFINITY_FIELD.test(field))) {
    issues.push({
      path: `${path}.field`,
      message: `unknown field ${JSON.stringify(field)}; expected one of ${FACT_FIELDS.join(', ')} or affinity.<category|brand|tag|price>.<key>`,
    });
  }
  if (typeof op !== 'string' || !OPS.has(op)) {
    return void issues.push({ path: `${path}.op`, message: `unknown operator ${JSON.stringify(op)}; expected one of ${SEGMENT_OPS.join(', ')}` });
  }
  const bad = (message: string) => issues.push({ path: `${path}.value`, message });
  switch (op) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad(`'${op}' needs a finite number, got ${JSON.stringify(value)}`);
      break;
    case 'in':
      if (!Array.isArray(value) || !value.every(isPrimitive)) bad(`'in' needs an array of strings, numbers or booleans, got ${JSON.stringify(value)}`);
      break;
    case 'exists':
      if (value !== undefined && typeof value !== 'boolean') bad(`'exists' takes true, false or no value, got ${JSON.stringify(value)}`);
      break;
    default:
      if (!isPrimitive(value)) bad(`'${op}' needs a string, number, boolean or null, got ${JSON.stringify(value)}`);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isPrimitive(x: unknown): boolean {
  return x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}


import { explain } from '../profile/explain';
import type { ClusterModel } from '../clusters/types';
import type { Profile } from '../profile/types';
import { profileFacts, readField, type ProfileFacts } from './facts';
import type { SegmentCondition, SegmentDefinitions, SegmentRule } from './types';

/**
 * Whether facts satisfy a (validated) rule. Missing fields fail every comparison except
 * `neq` and `exists: false`.
 *
 * @example
 * matchesRule({ field: 'lifecycle', op: 'eq', value: 'returning' }, profileFacts(profile, Date.now()));
 */
export function matchesRule(rule: SegmentRule, facts: ProfileFacts): boolean {
  if ('all' in rule) return rule.all.every((r) => matchesRule(r, facts));
  if ('any' in rule) return rule.any.some((r) => matchesRule(r, facts));
  if ('not' in rule) return !matchesRule(rule.not, facts);
  return compare(rule, readField(facts, rule.field));
}

function compare(c: SegmentCondition, actual: unknown): boolean {
  const v = c.value;
  switch (c.op) {
    case 'exists':
      return (actual !== undefined && actual !== null) === (v !== false);
    case 'eq':
      return Array.isArray(actual) ? false : actual === v;
    case 'neq':
      return actual !== v;
    case 'gt':
      return typeof actual === 'number' && actual > (v as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (v as number);
    case 'lt':
      return typeof actual === 'number' && actual < (v as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (v as number);
    case 'in':
      return Array.isArray(v) && (Array.isArray(actual) ? actual.some((a) => v.includes(a)) : v.includes(actual));
    case 'contains':
      if (Array.isArray(actual)) return actual.includes(v);
      return typeof actual === 'string' && typeof v === 'string' && actual.toLowerCase().includes(v.toLowerCase());
  }
  return false;
}

/**
 * Names of the segments the profile is in at `now`, in definition order. `clusters` (the
 * model's centroids) makes the `cluster.*` fields available.
 *
 * @example
 * evaluateSegments(defineSegments({ vip: { field: 'rfm.segment', op: 'eq', value: 'champion' } }), profile, Date.now());
 * // → ['vip']
 */
export function evaluateSegments(defs: SegmentDefinitions, p: Profile, now: number, clusters?: ClusterModel | null): string[] {
  const names = Object.keys(defs);
  if (!names.length) return [];
  const facts = profileFacts(p, now, clusters);
  const out: string[] = [];
  for (const name of names) if (matchesRule(defs[name]!, facts)) out.push(name);
  return out;
}

/**
 * Why the profile is (or is not) in a segment: each condition with the value it saw, and for
 * affinity conditions the events behind the affinity.
 *
 * @example
 * explainSegment(defs, 'runners', profile, Date.now()).text;
 * // "in runners: affinity.category.Shoes > Running is 1 (viewed 4 items in Shoes > Running this week)"
 */
export function explainSegment(
  defs: SegmentDefinitions,
  name: string,
  p: Profile,
  now: number,
  clusters?: ClusterModel | null,
): { matched: boolean; text: string; conditions: string[] } {
  const rule = defs[name];
  if (!rule) return { matched: false, text: `no segment named ${name}`, conditions: [] };
  const facts = profileFacts(p, now, clusters);
  const matched = matchesRule(rule, facts);
  const conditions: string[] = [];
  collect(rule, facts, p, now, conditions);
  return { matched, text: `${matched ? 'in' : 'not in'} ${name}: ${conditions.join('; ')}`, conditions };
}

function collect(rule: SegmentRule, facts: ProfileFacts, p: Profile, now: number, out: string[]): void {
  if ('all' in rule) return rule.all.forEach((r) => collect(r, facts, p, now, out));
  if ('any' in rule) return rule.any.forEach((r) => collect(r, facts, p, now, out));
  if ('not' in rule) return collect(rule.not, facts, p, now, out);
  const actual = readField(facts, rule.field);
  const shown = typeof actual === 'number' ? String(Math.round(actual * 100) / 100) : JSON.stringify(actual ?? null);
  let line = `${rule.field} is ${shown}`;
  const m = /^affinity\.(category|brand|tag|price)\.(.+)$/.exec(rule.field);
  const why = m ? explain(p, `${m[1]}:${m[2]}`, now) : rule.field.startsWith('rfm') ? explain(p, 'rfm', now) : explain(p, rule.field.replace(/^tags\./, ''), now);
  if (why) line += ` (${why.text})`;
  out.push(line);
}

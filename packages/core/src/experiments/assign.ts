import { isStrategy } from '../recommend/recommend';
import { unitInterval } from './hash';
import type { Assignment, ExperimentDefinition, ExperimentVariant } from './types';

/** The arms of a definition without its own: a 90/10 personalization holdout. */
export const DEFAULT_VARIANTS: readonly ExperimentVariant[] = [
  { name: 'personalized', weight: 90 },
  { name: 'control', weight: 10 },
];

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Checks a definition, returning what is wrong (a sentence) or `undefined` when it is usable.
 * Used by the browser (which skips bad definitions) and by the server (which answers 400).
 *
 * @example experimentProblem({ id: 'x', variants: [{ name: 'a', weight: 1 }] }) // 'experiment "x": needs at least two variants…'
 */
export function experimentProblem(def: unknown): string | undefined {
  if (!def || typeof def !== 'object') return 'an experiment must be an object { id, variants?, salt?, control?, fallback?, scope? }';
  const d = def as ExperimentDefinition;
  if (typeof d.id !== 'string' || !ID.test(d.id)) return 'experiment id must be 1–64 characters of letters, digits, "_", "." or "-"';
  const where = `experiment "${d.id}"`;
  if (d.salt !== undefined && (typeof d.salt !== 'string' || d.salt.length > 64)) return `${where}: salt must be a string of at most 64 characters`;
  if (d.fallback !== undefined && !isStrategy(d.fallback)) return `${where}: fallback must be a recommendation strategy name such as "popular"`;
  if (d.control !== undefined && (typeof d.control !== 'string' || !d.control)) return `${where}: control must be a variant name`;
  if (d.scope !== undefined && (typeof d.scope !== 'object' || d.scope === null)) return `${where}: scope must be { listings?, recommendations?, coupons? }`;
  const variants = d.variants ?? DEFAULT_VARIANTS;
  if (!Array.isArray(variants) || variants.length < 2 || variants.length > 10) return `${where}: needs 2–10 variants [{ name, weight }]`;
  const names = new Set<string>();
  for (const v of variants) {
    if (!v || typeof v.name !== 'string' || !ID.test(v.name)) return `${where}: variant names must be 1–64 characters of letters, digits, "_", "." or "-"`;
    if (names.has(v.name)) return `${where}: variant "${v.name}" appears twice`;
    names.add(v.name);
    if (typeof v.weight !== 'number' || !(v.weight > 0) || !Number.isFinite(v.weight)) return `${where}: variant "${v.name}" needs a positive weight`;
  }
  return undefined;
}

/**
 * The variant of a unit (visitor id, or customer id once identified): a hash of salt,
 * experiment id and unit mapped onto the arms' cumulative weights. The same inputs give the
 * same arm on every page, device and server, with no state to keep.
 *
 * @example assignVariant({ id: 'holdout' }, 'visitor-1') // 'personalized' (90%) or 'control' (10%)
 */
export function assignVariant(def: ExperimentDefinition, unit: string): string {
  const variants = def.variants ?? DEFAULT_VARIANTS;
  let total = 0;
  for (const v of variants) total += v.weight;
  const point = unitInterval(`${def.salt ?? ''}:${def.id}:${unit}`) * total;
  let edge = 0;
  for (const v of variants) {
    edge += v.weight;
    if (point < edge) return v.name;
  }
  return variants[variants.length - 1]!.name;
}

/**
 * What an arm means for rendering: control gets the merchant's base order, the fallback
 * strategy in recommendation slots and no targeted coupons, each as far as `scope` says.
 *
 * @example assignmentOf({ id: 'holdout' }, 'control') // { control: true, listings: 'base', strategy: 'popular', targetedCoupons: false, … }
 */
export function assignmentOf(def: ExperimentDefinition, variant: string): Assignment {
  const control = variant === (def.control ?? 'control');
  const scope = def.scope ?? {};
  return {
    experiment: def.id,
    variant,
    control,
    listings: control && scope.listings !== false ? 'base' : 'personalized',
    strategy: control && scope.recommendations !== false ? (def.fallback ?? 'popular') : undefined,
    targetedCoupons: !(control && scope.coupons !== false),
  };
}

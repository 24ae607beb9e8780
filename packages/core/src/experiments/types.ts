import type { StrategyName } from '../recommend/types';

/** One arm of an experiment; `weight` is its relative share of traffic (any positive scale). */
export interface ExperimentVariant {
  name: string;
  weight: number;
}

/**
 * What the control arm turns off. Each flag `true` (the default) means "control gets the
 * unpersonalized version of this surface".
 */
export interface ControlScope {
  /** Listings in the merchant's base order instead of the personalized ranking. */
  listings?: boolean;
  /** Recommendation slots filled by the non-personal {@link ExperimentDefinition.fallback}. */
  recommendations?: boolean;
  /** No targeted coupons (merchant-wide offers still show). */
  coupons?: boolean;
}

/**
 * An experiment as the merchant defines it (and as `GET /v1/experiments` serves it).
 * A 90/10 personalization holdout is `{ id: 'holdout', variants: [{ name: 'personalized', weight: 90 }, { name: 'control', weight: 10 }] }`.
 */
export interface ExperimentDefinition {
  /** 1–64 characters of `[A-Za-z0-9_.-]`; stamped on events as `experiment_id`. */
  id: string;
  /** Changing the salt reshuffles everyone (a fresh experiment with the same id). Default `''`. */
  salt?: string;
  /** At least two arms. Default: `personalized` 90, `control` 10. */
  variants?: ExperimentVariant[];
  /** Name of the control arm. Default `'control'`; an experiment without such arm has no control (A/A, A/B/n of treatments). */
  control?: string;
  /** Strategy that fills recommendation slots for control. Default `'popular'`. */
  fallback?: StrategyName;
  /** What control turns off; every surface by default. */
  scope?: ControlScope;
}

/**
 * The arm a shopper is in and what it means for rendering. Renderers ask
 * `experiments.variantFor(id)` and follow these fields instead of comparing variant names.
 */
export interface Assignment {
  experiment: string;
  variant: string;
  /** Whether this is the control arm. */
  control: boolean;
  /** `'base'`: keep the merchant's order; `'personalized'`: rank for the shopper. */
  listings: 'base' | 'personalized';
  /** Strategy to use instead of the slot's own (control's fallback), or `undefined` to keep it. */
  strategy: StrategyName | undefined;
  /** Whether targeted coupons may be shown. */
  targetedCoupons: boolean;
}

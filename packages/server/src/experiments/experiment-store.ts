import type { EventData, ExperimentDefinition } from '@affinity/core';

/** Event types that carry `experiment_id` + `variant` when a widget runs inside an experiment. */
export const EXPERIMENT_EVENT_TYPES = ['experiment_exposure', 'view_item_list', 'select_item', 'view_promotion', 'select_promotion'] as const;

/** Outcome events read for exposed visitors whatever their tags (a purchase happens off-widget). */
export const OUTCOME_EVENT_TYPES = ['add_to_cart', 'purchase'] as const;

/** A stored event reduced to what experiment metrics read. */
export interface ExperimentEventRow {
  visitor: string;
  type: string;
  ts: number;
  data: EventData;
}

/** A definition as stored, with when it last changed. */
export interface StoredExperiment {
  definition: ExperimentDefinition;
  updated: number;
}

/** Counts behind the admin dashboard's overview charts, over a recent window. */
export interface SiteOverview {
  /** Window start, epoch ms. */
  since: number;
  /** Events per UTC day (`YYYY-MM-DD`) and type, oldest first; days without events are absent. */
  days: { day: string; counts: Record<string, number> }[];
  /** Most viewed items with their carts and purchases. */
  topItems: { id: string; name: string | null; views: number; carts: number; purchases: number }[];
  /** Distinct visitors who viewed an item, added to cart, purchased. */
  funnel: { viewers: number; carters: number; buyers: number };
  /** Experiment ids seen in exposure events. */
  experiments: string[];
}

/**
 * Persistence for experiments, on the database the event storage opened, with its own tables
 * and migration history (`experiment_migrations`). Also the read side of the metrics: the
 * events an experiment's report is computed from, and the dashboard's overview counts.
 *
 * @example
 * const store = await openExperimentStore(storage);
 * await store.putExperiments('demo', [{ id: 'holdout' }]);
 * const rows = await store.experimentEvents('demo', 'holdout');
 */
export interface ExperimentStore {
  readonly kind: 'sqlite' | 'postgres';
  putExperiments(site: string, definitions: readonly ExperimentDefinition[], now: number): Promise<void>;
  listExperiments(site: string): Promise<StoredExperiment[]>;
  getExperiment(site: string, id: string): Promise<StoredExperiment | undefined>;
  deleteExperiment(site: string, id: string): Promise<boolean>;
  /**
   * Events tagged with the experiment (exposures, widget impressions and clicks), plus the
   * carts and purchases of every visitor it exposed; oldest first.
   */
  experimentEvents(site: string, id: string): Promise<ExperimentEventRow[]>;
  overview(site: string, since: number, topItems: number): Promise<SiteOverview>;
}

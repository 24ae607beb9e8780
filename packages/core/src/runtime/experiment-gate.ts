import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import type { Affinity } from '../affinity';
import { createExperiments, type Experiments, type Surface } from '../experiments/create-experiments';
import type { Assignment, ExperimentDefinition } from '../experiments/types';
import type { EventData } from '../types';
import { yieldToPage } from '../scheduling/yield-to-page';

/** A surface's arm: `loading` until the definitions are known; `arm` undefined without experiments. */
export interface ArmState {
  loading: boolean;
  arm?: Assignment;
}

/** Options of {@link createExperimentGate}. */
export interface ExperimentGateOptions {
  affinity: Affinity;
  /** The definitions (from the server, or given); called once, when a surface first listens. */
  load: () => ExperimentDefinition[] | Promise<ExperimentDefinition[]>;
  force?: Readonly<Record<string, string>>;
  now?: () => number;
  dev?: boolean;
}

/** The page's experiments as every surface of a runtime reads them. */
export interface ExperimentGate {
  /** `undefined` until loaded (loading starts when something listens). */
  readonly $experiments: ReadableAtom<Experiments | undefined>;
  /** The arm governing `surface`; while someone listens, its exposure is logged (once per session). */
  arm(surface?: Surface): ReadableAtom<ArmState>;
  /**
   * `track` for a surface's widget events: stamped with its experiment and arm, and with the
   * strategy control really ran, so CTR per arm and per strategy both come out right.
   */
  track(surface?: Surface): Affinity['track'];
  destroy(): void;
}

const LOADING: ArmState = { loading: true };

/**
 * Loads the experiment definitions once a surface needs them and answers, per surface, which
 * arm the shopper is in. The page's events are watched from the start so an exposure can be
 * logged in the current session at once.
 *
 * @example
 * const gate = createExperimentGate({ affinity, load: () => fetchExperiments(endpoint, site) });
 * gate.arm('listings').subscribe(({ arm }) => arm?.listings === 'base' && keepMerchantOrder());
 */
export function createExperimentGate(o: ExperimentGateOptions): ExperimentGate {
  const { affinity } = o;
  let lastEvent: { session: string; ts: number } | undefined;
  const stopEvents = affinity.subscribe((e) => (lastEvent = { session: e.session, ts: e.ts }));
  const $experiments = atom<Experiments | undefined>(undefined);
  let started = false;
  onMount($experiments, () => {
    if (started) return;
    started = true;
    void (async () => {
      let defs: ExperimentDefinition[] = [];
      try {
        defs = await o.load();
      } catch {
        // No definitions: everyone gets the personalized store.
      }
      const ex = createExperiments({ affinity, experiments: defs, force: o.force, now: o.now, dev: o.dev, lastEvent });
      await ex.ready;
      // Every surface waiting for its arm renders when this is set: a task of its own.
      await yieldToPage();
      $experiments.set(ex);
    })();
  });

  return {
    $experiments,
    arm(surface) {
      const $arm = computed($experiments, (ex): ArmState => (ex ? { loading: false, arm: ex.forSurface(surface) } : LOADING));
      onMount($arm, () =>
        $experiments.subscribe((ex) => {
          const arm = ex?.forSurface(surface);
          if (arm) void ex!.expose(arm.experiment);
        }),
      );
      return $arm;
    },
    track(surface) {
      return (type, data = {}) => {
        const arm = $experiments.get()?.forSurface(surface);
        if (!arm) return affinity.track(type, data);
        const d: EventData = { ...data, experiment_id: arm.experiment, variant: arm.variant };
        if (typeof d.strategy === 'string') {
          if (surface === 'recommendations' && arm.strategy) d.strategy = arm.strategy;
          if (surface === 'listings' && arm.listings === 'base') d.strategy = 'base-order';
        }
        return affinity.track(type, d);
      };
    },
    destroy() {
      stopEvents();
      $experiments.get()?.destroy();
    },
  };
}

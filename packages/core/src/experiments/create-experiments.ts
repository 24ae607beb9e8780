import type { Affinity } from '../affinity';
import type { AffinityEvent, EventData } from '../types';
import { DEFAULT_VARIANTS, assignVariant, assignmentOf, experimentProblem } from './assign';
import type { Assignment, ControlScope, ExperimentDefinition, ExperimentVariant } from './types';

/** Options of {@link createExperiments}. */
export interface ExperimentsOptions {
  /** The SDK instance: its visitor id, event stream, `track` and persisted `state`. */
  affinity: Pick<Affinity, 'visitorId' | 'track' | 'subscribe' | 'state'>;
  /** The merchant's experiments; invalid ones are skipped (with `dev`, the reason is logged). */
  experiments: readonly ExperimentDefinition[];
  /** A customer id known at start (a signed-in page); later `login` events are picked up too. */
  customerId?: string;
  /** The SDK's session idle timeout, to know whether the last event's session is still open. Default 30 min. */
  sessionTimeoutMs?: number;
  dev?: boolean;
  /** Injectable clock (epoch ms) for tests. */
  now?: () => number;
  /**
   * The page's latest event seen before this was created (a runtime listens from the start and
   * loads definitions later): exposures then log at once instead of waiting for the next event.
   */
  lastEvent?: { session: string; ts: number };
  /**
   * Arms forced by experiment id, for QA previews and tests (`{ holdout: 'control' }`); names
   * that are not an arm of the experiment are ignored. A forced shopper is exposed and counted
   * under that arm like any other, so force only QA visitors.
   */
  force?: Readonly<Record<string, string>>;
}

/** A surface a control arm can switch off (see {@link ControlScope}). */
export type Surface = keyof ControlScope;

/** Assignments, exposure logging and event stamping for one page. Nothing here throws. */
export interface Experiments {
  /** Resolves once the remembered customer id and exposures are loaded from `state`. */
  readonly ready: Promise<void>;
  /** The shopper's arm and what it means for rendering, or `undefined` for an unknown experiment. */
  variantFor(experimentId: string): Assignment | undefined;
  /**
   * The arm that governs a surface: the first experiment whose control scope includes it, else
   * the first experiment (its events still carry a variant), else `undefined` (no experiment).
   * Without `surface` (flash sales, privacy): the first experiment.
   */
  forSurface(surface?: Surface): Assignment | undefined;
  /** Every experiment's arm for this shopper, in definition order (QA panels). */
  all(): Assignment[];
  /**
   * Logs `experiment_exposure { experiment_id, variant }` unless already logged in this session.
   * Resolves `true` when an event was recorded. Call it when the experiment's surface renders.
   */
  expose(experimentId: string): Promise<boolean>;
  /**
   * `data` with `experiment_id` and `variant` of the shopper's arm added (unchanged for an
   * unknown experiment). Every widget event of an experiment's surface must go through it.
   */
  stamp<T extends EventData>(experimentId: string, data: T): T;
  /** Stops listening to the event stream. */
  destroy(): void;
}

const CUSTOMER_KEY = 'experiments:customer';
const EXPOSED_KEY = 'experiments:exposed';

/**
 * Assigns the shopper to each experiment by a hash of (salt, experiment id, customer id once
 * identified — else visitor id), so the arm is the same on every visit, and on every device once
 * signed in, without storing it. Exposures are logged once per experiment and session: the
 * session is learned from the event stream (every event carries it) and the last exposed
 * session per experiment is kept in the SDK's `state`.
 *
 * @example
 * const experiments = createExperiments({ affinity, experiments: [{ id: 'holdout' }] });
 * const arm = experiments.variantFor('holdout');   // { variant: 'personalized', listings: 'personalized', … }
 * void experiments.expose('holdout');
 * affinity.track('select_item', experiments.stamp('holdout', { items: [{ item_id: 'sku-1' }] }));
 */
export function createExperiments(options: ExperimentsOptions): Experiments {
  const { affinity } = options;
  const now = options.now ?? Date.now;
  const timeout = options.sessionTimeoutMs ?? 30 * 60_000;
  const defs = new Map<string, ExperimentDefinition>();
  for (const def of options.experiments ?? []) {
    const problem = experimentProblem(def);
    if (problem) {
      if (options.dev) console.error(`[affinity] experiments: ${problem}; this experiment is skipped`);
    } else defs.set(def.id, def);
  }
  let customer = typeof options.customerId === 'string' && options.customerId ? options.customerId : undefined;
  let exposed: Record<string, string> = {};
  let last: { session: string; ts: number } | undefined = options.lastEvent;
  const pending = new Set<string>();
  const waiting = new Map<string, ((logged: boolean) => void)[]>();
  let chain: Promise<void> = Promise.resolve();

  const ready = (async () => {
    try {
      const [c, e] = await Promise.all([affinity.state.get<string>(CUSTOMER_KEY), affinity.state.get<Record<string, string>>(EXPOSED_KEY)]);
      if (!customer && typeof c === 'string' && c) customer = c;
      if (e && typeof e === 'object') exposed = { ...e, ...exposed };
    } catch {
      // Unreadable state: assignments fall back to the visitor id and exposures may repeat once.
    }
  })();

  const unitOf = () => (customer ? `c:${customer}` : `v:${affinity.visitorId}`);
  const settle = (id: string, logged: boolean) => {
    // One event answers one call; the others asked for an exposure that already happened.
    (waiting.get(id) ?? []).forEach((resolve, i) => resolve(logged && i === 0));
    waiting.delete(id);
  };

  // Serialized so that two quick calls cannot both see "not exposed yet" and log twice.
  const logPending = (session: string) => {
    chain = chain.then(async () => {
      const done: [string, boolean][] = [];
      for (const id of [...pending]) {
        pending.delete(id);
        const arm = variantFor(id);
        // Keyed by arm too: signing in can move the shopper to another arm mid-session, and the
        // server must see that second exposure to count (and flag) the switch.
        if (!arm || exposed[id] === `${session}|${arm.variant}`) {
          done.push([id, false]);
          continue;
        }
        const e = affinity.track('experiment_exposure', { experiment_id: id, variant: arm.variant });
        if (e) exposed[id] = `${e.session}|${arm.variant}`;
        done.push([id, !!e]);
      }
      if (done.some(([, logged]) => logged)) await affinity.state.set(EXPOSED_KEY, exposed).catch(() => undefined);
      for (const [id, logged] of done) settle(id, logged);
    });
  };

  const off = affinity.subscribe((e: AffinityEvent) => {
    last = { session: e.session, ts: e.ts };
    const id = e.type === 'login' ? e.data.customer_id : undefined;
    if (typeof id === 'string' && id && id !== customer) {
      customer = id;
      affinity.state.set(CUSTOMER_KEY, id).catch(() => undefined);
    }
    if (pending.size && e.type !== 'experiment_exposure') logPending(e.session);
  });

  const forced = (def: ExperimentDefinition): string | undefined => {
    const name = options.force?.[def.id];
    return (def.variants ?? DEFAULT_VARIANTS).some((v: ExperimentVariant) => v.name === name) ? name : undefined;
  };

  function variantFor(experimentId: string): Assignment | undefined {
    const def = defs.get(experimentId);
    return def ? assignmentOf(def, forced(def) ?? assignVariant(def, unitOf())) : undefined;
  }

  return {
    ready,
    variantFor,
    forSurface(surface) {
      const all = [...defs.values()];
      const def = (surface && all.find((d) => d.scope?.[surface] !== false)) || all[0];
      return def && variantFor(def.id);
    },
    all: () => [...defs.keys()].map((id) => variantFor(id)!),
    expose(experimentId) {
      if (!defs.has(experimentId)) return Promise.resolve(false);
      return ready.then(
        () =>
          new Promise<boolean>((resolve) => {
            waiting.set(experimentId, [...(waiting.get(experimentId) ?? []), resolve]);
            pending.add(experimentId);
            // Without an open session seen on this page, the page's next event tells which
            // session this is: logging now could repeat an exposure an earlier page made.
            if (last && now() - last.ts <= timeout) logPending(last.session);
          }),
      );
    },
    stamp(experimentId, data) {
      const arm = variantFor(experimentId);
      return arm ? { ...data, experiment_id: arm.experiment, variant: arm.variant } : data;
    },
    destroy() {
      off();
    },
  };
}

import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { AffinityEvent } from '../types';
import { contextFromEvents, type EventContext } from './context-from-events';
import { isStrategy, recommend } from './recommend';
import type { RecommendContext, RecommendEventSource, RecommendationsState } from './types';

/** Options of {@link connectRecommendations}. */
export interface RecommendationsOptions {
  /** Strategy name; unknown names (a slot the merchant made up) run `hybrid`. */
  strategy?: string;
  /** Items wanted (default 8). */
  limit?: number;
  /** The context, or a nanostore of it (recomputed when it changes). */
  context?: RecommendContext | ReadableAtom<RecommendContext>;
  /**
   * The capture event source: the log seeds viewed / cart / bought, and each new event
   * recomputes the list, so a `view_item` on this page changes the next output without a reload.
   * Lists given explicitly in `context` are merged with what the events say.
   */
  events?: RecommendEventSource;
}

/**
 * A headless recommendations widget: a nanostore of `{ items, loading }` that renderers
 * subscribe to. Work happens only while someone listens. Never throws into the page.
 *
 * @example
 * const $recs = connectRecommendations({ strategy: 'bought-together', limit: 4, context: { catalog, model, anchor: 'tent' } });
 * $recs.subscribe(({ items }) => render(items)); // items[0].reason: 'Bought together with Tent by 31% of buyers'
 */
export function connectRecommendations(options: RecommendationsOptions = {}): ReadableAtom<RecommendationsState> {
  const strategy = isStrategy(options.strategy) ? options.strategy : 'hybrid';
  const $state = atom<RecommendationsState>({ items: [], loading: true });
  const source = options.context;
  const isStore = (c: unknown): c is ReadableAtom<RecommendContext> =>
    !!c && typeof (c as ReadableAtom<unknown>).get === 'function' && typeof (c as ReadableAtom<unknown>).subscribe === 'function';
  const readContext = (): RecommendContext => (isStore(source) ? source.get() : (source ?? {}));
  let log: AffinityEvent[] = [];
  let fromEvents: EventContext | undefined;

  const compute = () => {
    try {
      const ctx = merge(readContext(), fromEvents);
      const items = recommend(strategy, ctx, { limit: options.limit });
      const loading = ctx.model === undefined && strategy !== 'related' && strategy !== 'recently-viewed';
      $state.set({ items, loading });
    } catch (error) {
      console.warn('[affinity] recommendations failed; showing nothing', error);
      $state.set({ items: [], loading: false });
    }
  };

  onMount($state, () => {
    let active = true;
    const stops: (() => void)[] = [];
    if (isStore(source)) stops.push(source.listen(compute));
    if (options.events) {
      const pending: AffinityEvent[] = [];
      let loaded = false;
      stops.push(
        options.events.subscribe((event) => {
          if (!loaded) return void pending.push(event);
          log = [...log, event].slice(-500);
          fromEvents = contextFromEvents(log);
          compute();
        }),
      );
      options.events
        .events()
        .catch(() => [] as AffinityEvent[])
        .then((events) => {
          if (!active) return;
          const ids = new Set(events.map((e) => e.id));
          log = [...events, ...pending.filter((e) => !ids.has(e.id))].slice(-500);
          loaded = true;
          fromEvents = contextFromEvents(log);
          compute();
        });
    }
    compute();
    return () => {
      active = false;
      stops.forEach((stop) => stop());
    };
  });
  return $state;
}

function merge(ctx: RecommendContext, events: EventContext | undefined): RecommendContext {
  if (!events) return ctx;
  const union = (a: readonly string[] | undefined, b: readonly string[]) => [...new Set([...(a ?? []), ...b])];
  return {
    ...ctx,
    // Events are the newest views, so they go last (the `next` sequence ends with them).
    viewed: [...(ctx.viewed ?? []).filter((id) => !events.viewed.includes(id)), ...events.viewed],
    cart: union(ctx.cart, events.cart),
    bought: union(ctx.bought, events.bought),
  };
}

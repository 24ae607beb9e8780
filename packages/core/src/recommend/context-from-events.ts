import type { AffinityEvent } from '../types';

/** What the shopper's own events say, for a {@link RecommendContext}. */
export interface EventContext {
  /** Items viewed or selected in the latest session, oldest first, each once (at its latest view). */
  viewed: string[];
  /** Items in the cart: added and not removed since the last purchase. */
  cart: string[];
  /** Items ever purchased. */
  bought: string[];
}

const VIEW_TYPES = new Set(['view_item', 'select_item']);

/**
 * Folds the local event log (oldest first) into viewed / cart / bought lists. Malformed events
 * (no items, non-string ids) are skipped.
 *
 * @example contextFromEvents(events).viewed // ['shoe-1', 'sock-2']
 */
export function contextFromEvents(events: readonly AffinityEvent[], maxViewed = 20): EventContext {
  let session: string | undefined;
  let viewed: string[] = [];
  const cart = new Set<string>();
  const bought = new Set<string>();
  for (const e of events) {
    const ids = (Array.isArray(e?.data?.items) ? e.data.items : [])
      .map((i) => i?.item_id as unknown)
      .filter((id): id is string => typeof id === 'string' && id !== '');
    if (VIEW_TYPES.has(e.type)) {
      if (e.session !== session) [session, viewed] = [e.session, []];
      for (const id of ids) viewed = [...viewed.filter((v) => v !== id), id];
    } else if (e.type === 'add_to_cart') ids.forEach((id) => cart.add(id));
    else if (e.type === 'remove_from_cart') ids.forEach((id) => cart.delete(id));
    else if (e.type === 'purchase') {
      ids.forEach((id) => bought.add(id));
      cart.clear();
    }
  }
  return { viewed: viewed.slice(-maxViewed), cart: [...cart], bought: [...bought] };
}

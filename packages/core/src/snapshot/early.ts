/**
 * The early, before-first-paint part of `<af-ranked-list>` (shipped as `affinity-early.js`, a
 * sync script in the page's `<head>`, or inlined there). It watches for `<af-ranked-list>`
 * elements as the parser or the page's framework inserts them and, in the same task (a
 * MutationObserver callback runs before the browser paints), re-orders their cards from the
 * snapshot. When the shopper has a snapshot but its order for this list no longer fits (the
 * list's products or merchant order changed) or the snapshot is unreadable, only that list is
 * held (`af-hold`, hidden by the merchant's CSS) for at most `holdMs`: the full SDK releases it by
 * applying its order, or the timeout releases it and the merchant's order stays for this page
 * view. A new visitor (no snapshot) gets neither.
 *
 * Attributes it sets on the list, read by `<af-ranked-list>`:
 * - `af-hold`: hidden, waiting for an order (the merchant's CSS:
 *   `af-ranked-list[af-hold] { visibility: hidden }`);
 * - `af-early="snapshot"`: the snapshot order is applied; the element keeps it for this page view;
 * - `af-early="stale"`: the order of an older profile is applied; the element may correct it;
 * - `af-early="timeout"`: the hold ran out; the merchant's order stays for this page view.
 *
 * It never reads or writes anything but localStorage and these attributes, and injects no style.
 */
import { orderFor, parseSnapshot, snapshotKey, type Snapshot } from './format';

/** Options of {@link startEarlyRanking}. */
export interface EarlyOptions {
  /** The site key (`data-site` of the script tag). */
  site: string;
  /** Longest hold of a list with no usable snapshot order. Default 100 ms. */
  holdMs?: number;
}

/** Default hold: short enough that a miss costs less than one slow frame budget of a page. */
export const HOLD_MS = 100;

/** The property holding the merchant's order on a list the early script re-ordered. */
export const BASE_PROP = 'afBase';
/** The property holding the order the early script applied (its moves are not a page re-sort). */
export const ORDER_PROP = 'afOrder';

type ListElement = HTMLElement & { [BASE_PROP]?: string[]; [ORDER_PROP]?: string[] };

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

/**
 * Starts re-ordering `<af-ranked-list>` elements from the snapshot; returns a stop function.
 * Does nothing to the page for a visitor without a snapshot, or one who denied consent (and
 * stops watching it once the stored state is read, a task after it starts).
 *
 * @example startEarlyRanking(document, { site: 'shop' });
 */
export function startEarlyRanking(doc: Document, o: EarlyOptions): () => void {
  const stop = () => observer.disconnect();
  let snapshot: Snapshot | undefined;
  let loaded = false;
  let usable = false;
  // The stored state is read once: in a task of its own right after this script (the page's
  // parse task stays short), or at the first list with cards if that comes first (a list in the
  // same chunk of server-rendered HTML). Without a usable snapshot, nothing more happens.
  const load = () => {
    if (loaded) return usable;
    loaded = true;
    const raw = read(`af:${o.site}:consent`) === 'denied' ? null : read(snapshotKey(o.site));
    snapshot = parseSnapshot(raw);
    // A snapshot of another visitor (forgotten in another tab) is no snapshot: a new visitor.
    usable = raw !== null && (!snapshot || snapshot.vid === read(`af:${o.site}:visitor`));
    if (!usable) stop();
    return usable;
  };
  const holdMs = o.holdMs ?? HOLD_MS;
  const lists = doc.getElementsByTagName('af-ranked-list');
  const held = new WeakSet<Element>();

  const visit = (el: ListElement) => {
    // Lists the element already ranked, a disabled list, or one already settled: not ours.
    if (el.hasAttribute('af-early') || el.hasAttribute('ranked') || el.hasAttribute('disabled')) return;
    const cards = cardsOf(el);
    if (!cards.length || !load()) return;
    const ids = cards.map((c) => c.getAttribute(ID)!);
    const listId = el.getAttribute('list-id') || 'af-ranked-list';
    const order = snapshot && orderFor(snapshot, listId, ids);
    if (order) {
      el[BASE_PROP] = ids;
      el[ORDER_PROP] = order.ids;
      move(el, cards, order.ids);
      if (order.ids.some((id, i) => id !== ids[i])) el.setAttribute('ranked', '');
      // A stale order (the profile moved on since) still beats the merchant's; the element may
      // then correct it once, rather than keep an order the shopper's latest visits contradict.
      el.setAttribute('af-early', order.fresh ? 'snapshot' : 'stale');
      el.removeAttribute('af-hold');
      return;
    }
    // A list this shopper was never shown is not held: holding it would mostly end in the
    // merchant's order for the whole view (the full SDK rarely ranks it within the hold), so
    // it paints at once and the element orders it when ready, as without this script.
    if (snapshot && !snapshot.l.some((e) => e && e.k === listId)) return;
    if (held.has(el)) return;
    held.add(el);
    el.setAttribute('af-hold', '');
    const until = performance.now() + holdMs;
    const release = () => {
      // Released already (by the element's own order, or a later usable snapshot match).
      if (!el.hasAttribute('af-hold')) return;
      el.removeAttribute('af-hold');
      el.setAttribute('af-early', 'timeout');
    };
    setTimeout(release, holdMs);
    // A busy page runs timers late; a frame is checked before it is painted, so no frame after
    // the deadline shows the list hidden.
    const frame = () => (performance.now() >= until ? release() : el.hasAttribute('af-hold') && requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  };
  const scan = () => {
    for (let i = 0; i < lists.length; i++) visit(lists[i] as ListElement);
  };
  const observer = new MutationObserver(scan);
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  scan();
  setTimeout(load);
  // A list parsed in several chunks is checked again once the document is complete.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', scan, { once: true });
  return stop;
}

// Read as an attribute: `dataset` builds a map object per card, and this runs in the page's own
// tasks (every mutation while a list is held).
const ID = 'data-product-id';

/** The list's cards: direct children with `data-product-id`, as `<af-ranked-list>` counts them. */
function cardsOf(el: Element): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (c.getAttribute(ID)) out.push(c as HTMLElement);
  return out;
}

/** Moves only the cards that are out of place (the same walk `<af-ranked-list>` does). */
function move(el: Element, cards: HTMLElement[], order: string[]) {
  const byId = new Map(cards.map((c) => [c.getAttribute(ID)!, c]));
  let before: Element | null = cards[0] ?? null;
  for (const id of order) {
    const card = byId.get(id)!;
    if (card === before) before = card.nextElementSibling;
    else el.insertBefore(card, before);
  }
}

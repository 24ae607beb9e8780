/**
 * Console messages for merchants and theme developers. Everything goes through here so the
 * prefix is consistent and "say it once" messages are said once per page.
 */

const said = new Set<string>();

/**
 * Reports a mistake in an SDK call (only when `dev` is on: production pages stay quiet).
 * @example devError(true, 'track("view_item"): items[0].item_id must be a non-empty string')
 */
export function devError(dev: boolean | undefined, message: string): void {
  if (dev) console.error(`[affinity] ${message}`);
}

/**
 * A warning that only matters while developing (a dropped payload, a refused request…).
 * @example devWarn(options.dev, 'server rejected event 3: missing item_id')
 */
export function devWarn(dev: boolean | undefined, message: string): void {
  if (dev) console.warn(`[affinity] ${message}`);
}

/**
 * A warning every page owner should see, but only once per page (e.g. "IndexedDB unavailable").
 * @example warnOnce('idb', 'IndexedDB unavailable; events are kept in memory for this page')
 */
export function warnOnce(key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  console.warn(`[affinity] ${message}`);
}

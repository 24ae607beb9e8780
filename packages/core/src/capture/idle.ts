/**
 * Runs work off the hot path: in an idle period when the browser has one
 * (`requestIdleCallback`, with a deadline so it also happens on busy pages), else on the
 * next macrotask.
 */

/** Longest a batch waits for an idle period. */
export const IDLE_TIMEOUT_MS = 1000;

/**
 * @example onIdle(() => persist(queue))
 */
export function onIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(fn, 0);
}

/**
 * How long captured events wait before they are written, so events a few hundred ms apart
 * share one write: each IndexedDB transaction costs the main thread more than the events it
 * carries. Page hide, `flush()` and `events()` write at once, so waiting loses nothing on a
 * normal close.
 */
export const PERSIST_DELAY_MS = 500;

/**
 * Runs `fn` in an idle period after `PERSIST_DELAY_MS`.
 * @example afterDelayIdle(persist)
 */
export function afterDelayIdle(fn: () => void): void {
  setTimeout(() => onIdle(fn), PERSIST_DELAY_MS);
}

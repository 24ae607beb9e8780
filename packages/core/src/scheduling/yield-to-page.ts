/**
 * Gives the page a turn between slices of work, so work split across several calls never adds
 * up to one long task: `scheduler.yield()` where it exists (the continuation keeps its place
 * ahead of later tasks), else a message-channel task (no timer clamping, not held back by
 * throttled or faked timers).
 *
 * @example
 * for (let i = 0; i < rows.length; i++) {
 *   work(rows[i]);
 *   if (i % 100 === 99) await yieldToPage();
 * }
 */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (channel.port1.close(), resolve());
    channel.port2.postMessage(0);
  });
}

/**
 * Runs `fn` when the browser is idle (soon anyway: within 2 s), never on the page's critical
 * path; a failure of `fn` is dropped (the work is an extra).
 *
 * @example whenIdle(async () => catalog.mergePage(await fetchRows()));
 */
export function whenIdle(fn: () => unknown): void {
  const run = () => void (async () => fn())().catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 1);
}

/**
 * Runs `step` for each item, giving the page a turn whenever the current slice has run for
 * `sliceMs`: items whose cost varies (log events carrying one item or fifty) never add up to
 * one long task, and cheap ones do not pay a task switch each.
 *
 * @example await inSlices(events, (e) => catalog.mergeItems(e.data.items));
 */
export async function inSlices<T>(items: readonly T[], step: (item: T) => void, sliceMs = 8): Promise<void> {
  let since = performance.now();
  for (const item of items) {
    step(item);
    if (performance.now() - since >= sliceMs) {
      await yieldToPage();
      since = performance.now();
    }
  }
}

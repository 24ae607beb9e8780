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

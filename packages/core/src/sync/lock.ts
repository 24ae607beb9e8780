/**
 * "Only one tab flushes at a time." Web Locks (`navigator.locks`) where available: the lock
 * is released by the browser even if the tab crashes. Elsewhere a lease in localStorage with
 * an expiry, renewed while held, so a closed tab blocks the others for at most one lease.
 */
import { ulid } from '../capture/ulid';
import { localDel, localGet, localSet } from '../storage/local';

/** How long a localStorage lease lasts without renewal. */
export const LEASE_MS = 30_000;

/**
 * Runs `fn` if no other tab holds the lock `name`; resolves to whether it ran.
 * @example
 * const ran = await withLock('af:shop:sync', async () => { await sendOutbox(); });
 */
export async function withLock(name: string, fn: () => Promise<void>, now: () => number = Date.now): Promise<boolean> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) {
    return locks.request(name, { ifAvailable: true }, async (lock) => {
      if (!lock) return false;
      await fn();
      return true;
    });
  }
  return withLease(name, fn, now);
}

/**
 * The localStorage fallback of {@link withLock}. Exported for tests.
 * @example await withLease('af:shop:sync', flushOnce)
 */
export async function withLease(name: string, fn: () => Promise<void>, now: () => number = Date.now): Promise<boolean> {
  // One owner token per attempt: two SDK instances in one page exclude each other too.
  const tab = ulid();
  const take = () => {
    const [owner, until] = (localGet(name) ?? '').split(' ');
    if (owner && owner !== tab && Number(until) > now()) return false;
    localSet(name, `${tab} ${now() + LEASE_MS}`);
    // Read back: if another tab wrote in between, the last writer owns the lease.
    return localGet(name)?.startsWith(tab) ?? true;
  };
  if (!take()) return false;
  const renew = setInterval(take, LEASE_MS / 3);
  try {
    await fn();
  } finally {
    clearInterval(renew);
    if (localGet(name)?.startsWith(tab)) localDel(name);
  }
  return true;
}

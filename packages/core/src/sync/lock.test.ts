import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEASE_MS, withLease, withLock } from './lock';

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A promise with its resolver, to hold a lock open while the test looks around. */
const gate = () => {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};

describe('withLease (localStorage fallback)', () => {
  it("does not run while another tab's lease is live, and frees its own lease afterwards", async () => {
    localStorage.setItem('af:t:sync', `OTHERTAB ${Date.now() + LEASE_MS}`);
    const run = vi.fn(async () => {});
    expect(await withLease('af:t:sync', run)).toBe(false);
    expect(run).not.toHaveBeenCalled();
    localStorage.removeItem('af:t:sync');
    expect(await withLease('af:t:sync', run)).toBe(true);
    expect(run).toHaveBeenCalledOnce();
    expect(localStorage.getItem('af:t:sync')).toBeNull();
  });

  it('excludes a second holder in the same page too (two SDK instances)', async () => {
    const g = gate();
    const first = withLease('af:t:sync', () => g.p);
    expect(await withLease('af:t:sync', async () => {})).toBe(false);
    g.open();
    expect(await first).toBe(true);
    expect(await withLease('af:t:sync', async () => {})).toBe(true);
  });

  it('takes over a lease whose holder went away (expired)', async () => {
    localStorage.setItem('af:t:sync', `CLOSEDTAB ${Date.now() - 1}`);
    const run = vi.fn(async () => {});
    expect(await withLease('af:t:sync', run)).toBe(true);
    expect(run).toHaveBeenCalledOnce();
    expect(localStorage.getItem('af:t:sync')).toBeNull();
  });

  it('renews the lease while a long flush runs', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const g = gate();
    const held = withLease('af:t:sync', () => g.p);
    vi.advanceTimersByTime(LEASE_MS * 2);
    const [, until] = localStorage.getItem('af:t:sync')!.split(' ');
    expect(Number(until)).toBeGreaterThan(Date.now());
    g.open();
    await held;
  });
});

/** A minimal LockManager with the `ifAvailable` semantics of the Web Locks API. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    async request(name: string, opts: { ifAvailable?: boolean }, cb: (lock: { name: string } | null) => Promise<unknown>) {
      if (held.has(name)) return cb(null);
      held.add(name);
      try {
        return await cb({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

describe('withLock (Web Locks)', () => {
  it('does not run while another holder has the lock, then runs', async () => {
    vi.stubGlobal('navigator', { ...navigator, locks: fakeLocks() });
    const g = gate();
    let inside = 0;
    const first = withLock('af:t:locks', async () => {
      inside++;
      await g.p;
    });
    await vi.waitFor(() => expect(inside).toBe(1));
    expect(await withLock('af:t:locks', async () => void inside++)).toBe(false);
    g.open();
    expect(await first).toBe(true);
    expect(await withLock('af:t:locks', async () => void inside++)).toBe(true);
    expect(inside).toBe(2);
    expect(localStorage.length).toBe(0); // the lease fallback was not used
  });

  it('falls back to the lease when navigator.locks is missing', async () => {
    vi.stubGlobal('navigator', { ...navigator, locks: undefined });
    const g = gate();
    const first = withLock('af:t:nolocks', () => g.p);
    expect(localStorage.getItem('af:t:nolocks')).not.toBeNull();
    g.open();
    expect(await first).toBe(true);
  });
});

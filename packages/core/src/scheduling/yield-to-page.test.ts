import { afterEach, describe, expect, it, vi } from 'vitest';
import { inSlices, whenIdle, yieldToPage } from './yield-to-page';

afterEach(() => {
  delete (globalThis as { scheduler?: unknown }).scheduler;
  vi.useRealTimers();
});

describe('yieldToPage', () => {
  it('lets work the page queued before it run first, then continues', async () => {
    const ran: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (channel.port1.close(), ran.push('page'));
    channel.port2.postMessage(0);
    await yieldToPage();
    ran.push('ours');
    expect(ran).toEqual(['page', 'ours']);
  });

  it('uses the browser scheduler where there is one', async () => {
    const yieldFn = vi.fn(() => Promise.resolve());
    (globalThis as { scheduler?: unknown }).scheduler = { yield: yieldFn };
    await yieldToPage();
    expect(yieldFn).toHaveBeenCalledOnce();
  });

  it('keeps going while timers are held back (a throttled background tab, faked test timers)', async () => {
    vi.useFakeTimers();
    await expect(yieldToPage()).resolves.toBeUndefined();
  });
});

describe('whenIdle', () => {
  it('runs the work later, never in the caller’s turn, and keeps its failure to itself', async () => {
    const done = vi.fn();
    whenIdle(() => done());
    whenIdle(() => Promise.reject(new Error('offline')));
    expect(done).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(done).toHaveBeenCalledOnce());
  });
});

describe('inSlices', () => {
  it('handles every item in order and lets the page run between slices that took their time', async () => {
    const ran: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (channel.port1.close(), ran.push('page'));
    channel.port2.postMessage(0);
    // A zero-length slice: the page gets a turn after every item.
    await inSlices(['a', 'b', 'c'], (x) => ran.push(x), 0);
    expect(ran.filter((x) => x !== 'page')).toEqual(['a', 'b', 'c']);
    expect(ran.indexOf('page')).toBeLessThan(ran.length - 1);
  });
});

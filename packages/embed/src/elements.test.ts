import { afterEach, describe, expect, it } from 'vitest';
import { createAffinity, getRuntime, setRuntime } from '@affinity/core';
import { startElements } from './elements';

describe('startElements', () => {
  afterEach(() => {
    setRuntime(undefined);
    delete (window as { affinity?: unknown }).affinity;
  });

  it('exposes its runtime on window.affinity, so page code reuses it instead of starting another', () => {
    const affinity = createAffinity({ site: 'expose', storage: 'memory', consent: 'granted', respectGpc: false });
    const api = { push: () => 0, sdk: affinity } as { push(): number; sdk: unknown; runtime?: unknown };
    (window as { affinity?: unknown }).affinity = api;
    const runtime = startElements(affinity, {});
    expect(runtime).toBeDefined();
    expect(api.runtime).toBe(runtime);
    expect(getRuntime()).toBe(runtime);
    runtime!.destroy();
    affinity.destroy();
  });

  it('leaves a still-queued window.affinity (an array) alone', () => {
    const affinity = createAffinity({ site: 'queued', storage: 'memory', consent: 'granted', respectGpc: false });
    const queue: unknown[] = [];
    (window as { affinity?: unknown }).affinity = queue;
    const runtime = startElements(affinity, {});
    expect((queue as { runtime?: unknown }).runtime).toBeUndefined();
    runtime!.destroy();
    affinity.destroy();
  });
});

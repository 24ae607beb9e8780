import { atom } from 'nanostores';
import { describe, expect, it, vi } from 'vitest';
import { nextTaskStore } from './next-task-store';

describe('nextTaskStore', () => {
  it('passes changes through at once until `from` settles, then ends on the same values a task later', async () => {
    const $source = atom(0);
    let settle!: () => void;
    const from = new Promise<void>((r) => (settle = r));
    const $copy = nextTaskStore($source, from);
    const seen: number[] = [];
    $copy.subscribe((v) => seen.push(v));
    $source.set(1);
    expect($copy.get()).toBe(1); // loading: at once
    settle();
    await from;
    $source.set(2);
    $source.set(3);
    expect($copy.get()).toBe(1); // not inside the task that changed the source
    await vi.waitFor(() => expect($copy.get()).toBe(3));
    expect(seen).toEqual([0, 1, 3]);
  });
});

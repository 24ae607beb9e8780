import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AffinityEvent } from '@affinity/core';
import type { SeedFile } from './seed-file';
import { seedDemoStore, type SeedTarget } from './seed-store';

const seed: SeedFile = {
  format: 'affinity-demo-seed/1',
  currency: 'GBP',
  first: 1_000,
  last: 2_000,
  items: [['A', 'Home', 'Clocks', 'B']],
  orders: [['1', '7', 1_000, [[0, 1, 2]]], ['2', '', 2_000, [[0, 3, 2]]]],
};

/** An in-memory stand-in with the server storage's de-duplication by id. */
function memoryStorage(): SeedTarget & { events: Map<string, AffinityEvent> } {
  const events = new Map<string, AffinityEvent>();
  return {
    events,
    async insertEvents(_site, batch) {
      let accepted = 0;
      for (const e of batch) if (!events.has(e.id)) (events.set(e.id, e), accepted++);
      return { accepted, duplicates: batch.length - accepted };
    },
    async countEvents() {
      return events.size;
    },
  };
}

describe('seedDemoStore', () => {
  it('loads the seed into an empty site once; a second start changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'af-seed-'));
    const file = join(dir, 'seed.json');
    await writeFile(file, JSON.stringify(seed));
    const storage = memoryStorage();
    const first = await seedDemoStore(storage, { file, now: 10_000 });
    expect(first.accepted).toBe(storage.events.size);
    expect([...storage.events.values()].filter((e) => e.type === 'purchase')).toHaveLength(2);
    expect(await seedDemoStore(storage, { file })).toEqual({ accepted: 0, duplicates: 0, skipped: true });
    expect(await seedDemoStore(storage, { file, force: true })).toMatchObject({ accepted: 0, duplicates: first.accepted });
  });

  it('says how to build a missing seed', async () => {
    await expect(seedDemoStore(memoryStorage(), { file: '/nonexistent/seed.json' })).rejects.toThrow(/build-catalog\.ts/);
  });
});

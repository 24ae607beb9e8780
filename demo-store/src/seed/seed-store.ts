import { readFile } from 'node:fs/promises';
import type { AffinityEvent } from '@affinity/core';
import { expandSeed, type ExpandSeedOptions } from './expand-seed';
import type { SeedFile } from './seed-file';

/** The part of the server's storage that seeding needs (structural, so no server import). */
export interface SeedTarget {
  insertEvents(site: string, events: readonly AffinityEvent[]): Promise<{ accepted: number; duplicates: number }>;
  countEvents(site: string): Promise<number>;
}

/** Options of {@link seedDemoStore}. */
export interface SeedDemoStoreOptions extends ExpandSeedOptions {
  /** The seed written by `build-catalog.ts`. Default `demo-store/data/seed-orders.json`. */
  file?: string;
  /** Site key the events belong to. Default `demo`. */
  site?: string;
  /** Seed even when the site already has events (ids make it idempotent anyway). Default false. */
  force?: boolean;
}

/**
 * Loads the historic orders into an empty site so co-occurrence and trending models have data
 * on first start. Does nothing when the site already holds events (unless `force`).
 *
 * @example
 * const { accepted } = await seedDemoStore(storage, { site: 'demo' });
 * console.log(`seeded ${accepted} historic events`);
 */
export async function seedDemoStore(storage: SeedTarget, options: SeedDemoStoreOptions = {}): Promise<{ accepted: number; duplicates: number; skipped: boolean }> {
  const { file = 'demo-store/data/seed-orders.json', site = 'demo', force = false, ...expand } = options;
  if (!force && (await storage.countEvents(site)) > 0) return { accepted: 0, duplicates: 0, skipped: true };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`Demo seed ${file} could not be read (${(e as Error).message}); run \`npx tsx demo-store/scripts/build-catalog.ts\` first.`);
  }
  const seed = JSON.parse(text) as SeedFile;
  if (seed.format !== 'affinity-demo-seed/1') throw new Error(`Demo seed ${file} has format ${String(seed.format)}; expected affinity-demo-seed/1. Rebuild it with demo-store/scripts/build-catalog.ts.`);
  let accepted = 0;
  let duplicates = 0;
  for (const batch of expandSeed(seed, expand)) {
    const r = await storage.insertEvents(site, batch);
    accepted += r.accepted;
    duplicates += r.duplicates;
  }
  return { accepted, duplicates, skipped: false };
}

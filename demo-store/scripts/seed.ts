/**
 * Seeds an Affinity database with the demo store's historic orders (once: a site that already
 * has events is left alone). Run before starting the server, from the repository root:
 *   npx tsx demo-store/scripts/seed.ts --db ./data/affinity.sqlite [--site demo] [--force]
 * `--db` takes the same values as affinity-server (a SQLite file or a postgres:// URL).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@affinity/server';
import { seedDemoStore } from '../src/seed/seed-store';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const db = arg('db') ?? './data/affinity.sqlite';
const defaultSeed = join(dirname(fileURLToPath(import.meta.url)), '../data/seed-orders.json');
const site = arg('site') ?? 'demo';
const started = performance.now();
let storage: Awaited<ReturnType<typeof openStorage>> | undefined;
try {
  storage = await openStorage(db);
  const r = await seedDemoStore(storage, { site, file: arg('file') ?? defaultSeed, force: process.argv.includes('--force') });
  console.log(
    r.skipped
      ? `demo seed: site "${site}" already has events; nothing to do (--force to top up)`
      : `demo seed: ${r.accepted} historic events stored for site "${site}" (${r.duplicates} already there) in ${Math.round(performance.now() - started)} ms`,
  );
} catch (e) {
  console.error(`demo seed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await storage?.close();
}

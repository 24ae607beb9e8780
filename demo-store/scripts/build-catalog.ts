/**
 * Builds the demo store's data from the UCI Online Retail data set:
 *   demo-store/public/catalog.json      the catalog (Product[]), best sellers first
 *   demo-store/public/img/<id>.svg      product pictures
 *   demo-store/data/seed-orders.json    historic orders the server seeds its models with
 *
 * Run from the repository root: `npx tsx demo-store/scripts/build-catalog.ts [--limit 2000] [--if-changed]`
 * (environment: AFFINITY_RETAIL_CSV overrides the input path). `--if-changed` skips the build
 * when the outputs exist and neither the data set nor the build's sources changed (for `npm start`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { buildCatalog } from '../src/catalog/build';

const here = dirname(fileURLToPath(import.meta.url));
const store = join(here, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const input = process.env.AFFINITY_RETAIL_CSV ?? join(store, '../../shared/datasets/online-retail/online_retail.csv.gz');
const limit = arg('limit') ? Number(arg('limit')) : undefined;
if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
  console.error(`--limit must be a positive integer, got ${arg('limit')}`);
  process.exit(2);
}

/** Fingerprint of everything the outputs depend on. */
function stamp(): string {
  const h = createHash('sha256');
  const info = statSync(input);
  h.update(`${info.size}:${info.mtimeMs}:${limit ?? ''}`);
  for (const dir of ['src/catalog', 'src/seed']) {
    for (const f of readdirSync(join(store, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) h.update(readFileSync(join(store, dir, f)));
  }
  return h.digest('hex');
}
const stampFile = join(store, 'data/catalog-stamp.txt');
const outputs = ['public/catalog.json', 'data/seed-orders.json', 'public/img'].map((f) => join(store, f));
if (process.argv.includes('--if-changed') && outputs.every((f) => existsSync(f)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp()) {
  console.log('demo catalog: up to date');
  process.exit(0);
}

const started = performance.now();
try {
  const report = await buildCatalog({ input, publicDir: join(store, 'public'), dataDir: join(store, 'data'), limit });
  const ms = Math.round(performance.now() - started);
  console.log(
    `demo catalog: ${report.products} products (of ${report.codes} codes), ${report.seedOrders} seed orders, ` +
      `${report.kept}/${report.rows} rows kept in ${ms} ms → ${relative(process.cwd(), join(store, 'public/catalog.json'))}`,
  );
  if (process.argv.includes('--verbose')) console.log(JSON.stringify(report, null, 2));
  writeFileSync(stampFile, stamp());
} catch (e) {
  console.error(`demo catalog: ${(e as Error).message}`);
  process.exit(1);
}

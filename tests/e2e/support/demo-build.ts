import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { buildCatalog } from '../../../demo-store/src/catalog/build';
import { startMerchantFront } from '../../../demo-store/src/merchant/front';
import type { Page } from 'playwright-core';
import { startAffinityServer } from './affinity-server';

/** The command line of `npm start`'s Affinity server for the demo store (files, campaigns). */
export const DEMO_SERVER_ARGS = [
  '--catalog', 'demo-store/public/catalog.json', '--campaigns', 'demo-store/campaigns.json',
  '--static', '/=demo-store/dist', '--static', '/=demo-store/public', '--static', '/=packages/embed/dist',
  '--fallback', 'demo-store/public/index.html',
];

/**
 * Fails early, saying what to run, when the built store, script or server is missing; builds the
 * demo catalog when absent (it is generated, not committed); creates the screenshot folder.
 *
 * @example await ensureDemoBuilt('test-results/demo-store');
 */
export async function ensureDemoBuilt(shots: string): Promise<void> {
  for (const f of ['demo-store/dist/app.js', 'packages/embed/dist/affinity.js', 'packages/server/dist/cli.js']) {
    if (!existsSync(f)) throw new Error(`${f} is missing; run \`npm run build\` first (npm run test:e2e does).`);
  }
  if (!existsSync('demo-store/public/catalog.json')) {
    await buildCatalog({ input: '../shared/datasets/online-retail/online_retail.csv.gz', publicDir: 'demo-store/public', dataDir: 'demo-store/data' });
  }
  mkdirSync(shots, { recursive: true });
}

/**
 * The demo store as `npm start` serves it: the Affinity server (SQLite, `DEMO_SERVER_ARGS`, a
 * secret key) behind the shop's own front (`POST /shop/orders`: coupon redemption and points).
 *
 * @example const shop = await startDemoShop(); await page.goto(shop.url); … await shop.close();
 */
export async function startDemoShop(extraArgs: string[] = []) {
  const adminKey = 'e2e-admin-key-0123456789abcdef';
  const server = await startAffinityServer(['--admin-key', adminKey, ...DEMO_SERVER_ARGS, ...extraArgs]);
  const prices = new Map((JSON.parse(readFileSync('demo-store/public/catalog.json', 'utf8')) as { id: string; price: number }[]).map((p) => [p.id, p.price]));
  const front = await startMerchantFront({ upstream: server.url, site: 'demo', adminKey, priceOf: (id) => prices.get(id) });
  return {
    server,
    url: front.url,
    adminKey,
    async close() {
      await front.close();
      await server.close();
    },
  };
}

/** Fills the demo checkout's delivery form (any valid details) and places the order. */
export async function placeOrder(page: Page): Promise<void> {
  await page.fill('input[name=name]', 'Ada');
  await page.fill('input[name=email]', 'ada@example.com');
  await page.fill('input[name=address]', '1 Mill Lane');
  await page.fill('input[name=town]', 'Leeds');
  await page.fill('input[name=postcode]', 'LS1 1AA');
  await page.click('button:has-text("Place order")');
}

import { existsSync, mkdirSync } from 'node:fs';
import { buildCatalog } from '../../../demo-store/src/catalog/build';
import { startMerchantFront } from '../../../demo-store/src/merchant/front';
import { catalogPrices, demoServerArgs } from '../../../demo-store/src/serve/demo-server-args';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAffinityServer } from './affinity-server';

export { demoServerArgs };

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
 * The demo store as `npm start` serves it: the Affinity server (SQLite, `demoServerArgs()`, a
 * secret key) behind the shop's own front (`POST /shop/orders`: coupon redemption and points).
 *
 * @example const shop = await startDemoShop(); await page.goto(shop.url); … await shop.close();
 */
export async function startDemoShop(extraArgs: string[] = []) {
  const adminKey = 'e2e-admin-key-0123456789abcdef';
  const server = await startAffinityServer(['--admin-key', adminKey, ...demoServerArgs(), ...extraArgs]);
  const front = await startMerchantFront({ upstream: server.url, site: 'demo', adminKey, priceOf: catalogPrices() });
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

/**
 * A desktop shopper who accepted personalisation (in the store's banner and through the documented
 * command queue), with the page errors it raises.
 *
 * @example const { context, page, errors } = await grantedShopper(browser);
 */
export async function grantedShopper(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    localStorage.setItem('demo-store.consent', 'granted');
    (window as unknown as { affinity: unknown[] }).affinity = [['consent', 'granted']];
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

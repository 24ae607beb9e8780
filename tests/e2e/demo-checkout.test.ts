// The demo store's whole promotions loop in real Chromium, served as `npm start` serves it: the
// Affinity server (SQLite, campaigns file, secret key) behind the shop's own front, whose checkout
// redeems the coupon and credits points server-to-server. Browse → claim → cart → checkout →
// the redemption, the points and the purchase are on the server, and the admin statistics count them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { ensureDemoBuilt, grantedShopper, placeOrder, startDemoShop } from './support/demo-build';
import { eventually } from './support/affinity-server';

const SHOTS = 'test-results/demo-checkout';
let browser: Browser;
let shop: Awaited<ReturnType<typeof startDemoShop>>;

beforeAll(async () => {
  await ensureDemoBuilt(SHOTS);
  shop = await startDemoShop();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

const admin = async (path: string) => (await fetch(`${shop.server.url}${path}`, { headers: { authorization: `Bearer ${shop.adminKey}` } })).json() as Promise<Record<string, any>>;

describe('demo store checkout', () => {
  it('a signed-in shopper claims the welcome code in the basket, pays less, earns points, and the server counts it all once', async () => {
    const { context, page, errors } = await grantedShopper(browser);

    await page.goto(`${shop.url}/account`);
    await page.fill('input[name=email]', 'ada@example.com');
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('text=Hello, ada');

    await page.goto(`${shop.url}/c/kitchen`);
    await page.locator('.product-grid .product-card a').first().click();
    await page.waitForSelector('.page--product');
    await page.click('button:has-text("Add to basket")');
    await page.click('a.basket-link');
    // The basket's offer (Preact hooks): claim the welcome code and put it on the order.
    await page.click('.cart-offer[data-campaign="welcome10"] button');
    const code = (await page.locator('.coupon-form strong').textContent({ timeout: 15_000 }))!.trim();
    expect(code).toMatch(/^welcome10\./);
    await page.click('button:has-text("Checkout")');
    await placeOrder(page);
    const orderId = (await page.locator('.order-id').textContent())!.trim();
    await expect.poll(() => page.locator('.order-coupon').textContent()).toMatch(/coupon welcome10\..*−£\d+\.\d\d/);
    const earned = Number(await page.locator('.order-points strong').textContent());
    expect(earned).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/order.png`, fullPage: true });

    // The server: the purchase (with the coupon) once, the redemption and the points counted.
    const purchase = await eventually(() => shop.server.events('demo').find((e) => e.type === 'purchase'));
    expect(JSON.parse(purchase!.data)).toMatchObject({ transaction_id: orderId, coupon: code });
    expect(shop.server.events('demo').filter((e) => e.type === 'purchase')).toHaveLength(1);
    const stats = await admin('/v1/admin/stats?site=demo');
    expect(stats.promotions).toMatchObject({ couponsRedeemed: 1, pointsAwarded: earned });
    const customer = (await page.evaluate(() => JSON.parse(localStorage.getItem('demo-store.customer')!).id)) as string;
    expect((await admin(`/v1/points/${customer}?site=demo`)).balance).toBe(earned);
    expect(errors).toEqual([]);
    await context.close();
  });
});

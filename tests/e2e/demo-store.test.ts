// The demo store in real Chromium against the real server on SQLite: the store's own pages,
// its GA4 dataLayer pushes read by the embedded affinity.js, and what reaches the server.
// The store is served as `npm start` serves it: the Affinity server behind the shop's own front
// (its checkout redeems coupons and credits points), one origin for pages and API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseJsonLd } from '@affinity/core';
import { launchChromium } from './support/chromium';
import { ensureDemoBuilt, placeOrder, startDemoShop } from './support/demo-build';
import { eventually } from './support/affinity-server';

const SHOTS = 'test-results/demo-store';
let browser: Browser;
let shop: Awaited<ReturnType<typeof startDemoShop>>;
let server: Awaited<ReturnType<typeof startDemoShop>>['server'];
let store: { url: string };

beforeAll(async () => {
  await ensureDemoBuilt(SHOTS);
  shop = await startDemoShop();
  server = shop.server;
  store = shop;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

/** A shopper's browser; `consent` is answered up front through the documented command queue. */
async function shopper(consent?: 'granted' | 'denied'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (consent) {
    await context.addInitScript((c) => {
      localStorage.setItem('demo-store.consent', c);
      (window as unknown as { affinity: unknown[] }).affinity = [['consent', c]];
    }, consent);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, errors };
}

const storedEvents = () => server.events('demo').map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, any> }));

describe('demo store', () => {
  it('takes a shopper from the home page to a purchase, and the server receives the whole funnel once', async () => {
    const { context, page, errors } = await shopper('granted');
    await page.goto(`${store.url}/`);
    await page.click('nav.category-nav a >> text=Kitchen');
    await page.waitForSelector('.product-card');
    await page.screenshot({ path: `${SHOTS}/category.png` });
    const card = page.locator('.product-grid > .product-card').nth(2);
    const productId = await card.getAttribute('data-product-id');
    await card.locator('a').click();
    await page.waitForSelector('.page--product');
    expect(new URL(page.url()).pathname).toBe(`/product/${productId}`);
    await page.click('button:has-text("Add to basket")');
    await page.screenshot({ path: `${SHOTS}/product.png` });
    await page.click('a.basket-link');
    await page.click('button:has-text("Checkout")');
    await placeOrder(page);
    const orderId = await page.locator('.order-id').textContent();
    await page.screenshot({ path: `${SHOTS}/order.png` });

    const purchase = await eventually(() => storedEvents().find((e) => e.type === 'purchase'));
    expect(purchase?.data).toMatchObject({ transaction_id: orderId, currency: 'GBP' });
    expect(purchase?.data.items).toEqual([expect.objectContaining({ item_id: productId, quantity: 1 })]);
    const types = storedEvents().map((e) => e.type);
    for (const t of ['view_item_list', 'select_item', 'view_item', 'add_to_cart', 'view_cart', 'begin_checkout']) expect(types).toContain(t);
    // One product page view is one view_item (JSON-LD and dataLayer must not both count it).
    expect(storedEvents().filter((e) => e.type === 'view_item' && e.data.items?.[0]?.item_id === productId)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps one JSON-LD script describing the page the shopper is on after client-side navigation', async () => {
    const { context, page } = await shopper();
    await page.goto(`${store.url}/c/kitchen`);
    await page.waitForSelector('.product-card');
    const read = async () => parseJsonLd(await page.locator('script[type="application/ld+json"]').allTextContents());
    expect((await read()).lists[0]?.name).toBe('Kitchen');
    const title = await page.locator('.product-card__title').first().textContent();
    await page.locator('.product-card a').first().click();
    await page.waitForSelector('.page--product');
    const data = await read();
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
    expect(data.lists).toEqual([]);
    expect(data.products).toEqual([expect.objectContaining({ title, currency: 'GBP', category: expect.arrayContaining(['Kitchen']) })]);
    await page.goBack();
    await page.waitForSelector('.product-grid');
    expect((await read()).lists[0]?.name).toBe('Kitchen');
    await context.close();
  });

  it('sends nothing when the shopper declines personalisation', async () => {
    const { context, page } = await shopper();
    const sent: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/events') && sent.push(r.url()));
    await page.goto(`${store.url}/`);
    await page.click('button:has-text("No thanks")');
    await page.click('nav.category-nav a >> text=Bags');
    await page.locator('.product-card a').first().click();
    await page.waitForSelector('.page--product');
    await page.click('button:has-text("Add to basket")');
    // Ask the SDK to send whatever it holds; with consent denied it must hold nothing to send.
    await page.waitForFunction(() => !Array.isArray((window as unknown as { affinity: unknown }).affinity));
    await page.evaluate(() => (window as unknown as { affinity: { flush(): Promise<unknown> } }).affinity.flush());
    expect(sent).toEqual([]);
    await page.reload();
    await expect(page.locator('.consent-banner').count()).resolves.toBe(0);
    await context.close();
  });

  it('signs a shopper in with identify and works on a phone-sized screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await context.addInitScript(() => ((window as unknown as { affinity: unknown[] }).affinity = [['consent', 'granted']]));
    const page = await context.newPage();
    await page.goto(`${store.url}/account`);
    await page.fill('input[name=email]', 'grace@example.com');
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('text=Hello, grace');
    await page.screenshot({ path: `${SHOTS}/account-mobile.png` });
    const login = await eventually(() => storedEvents().find((e) => e.type === 'login'));
    expect(login?.data.customer_id).toMatch(/^cust-/);
    await page.click('.menu-toggle');
    await page.click('#category-nav >> text=Christmas');
    await page.waitForSelector('.product-card');
    expect(new URL(page.url()).pathname).toBe('/c/christmas');
    await context.close();
  });

  it('runs a scripted persona through the real UI from the QA panel, and the profile follows it', async () => {
    const { context, page, errors } = await shopper('granted');
    await page.goto(`${store.url}/?qa=1`);
    await page.click('.qa-panel [data-persona="baker"]');
    await page.waitForSelector('.qa-panel [role=status]');
    await page.waitForSelector('.qa-panel [role=status]', { state: 'detached', timeout: 60_000 });
    const topCategory = page.locator('.qa-panel h4:has-text("category") + ol li span').first();
    await expect.poll(() => topCategory.textContent()).toBe('Kitchen > Baking');
    await page.screenshot({ path: `${SHOTS}/persona-baker.png` });
    const baking = await eventually(() => storedEvents().filter((e) => e.type === 'add_to_cart' && e.data.items?.[0]?.item_category2 === 'Baking').length >= 2);
    expect(baking).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

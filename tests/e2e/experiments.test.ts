// A holdout experiment end to end in real Chromium: the merchant stores it on the real server
// (admin API), the drop-in script's runtime fetches it, and two visitors whose ids hash into
// different arms see the same page differently — control keeps the merchant's order and gets the
// popular fallback, treatment is re-ranked — with exposures and widget events stamped by arm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { assignVariant, createCatalog, parseModel, recommend, ulid, type ExperimentDefinition } from '@affinity/core';
import { launchChromium } from './support/chromium';
import { startMerchantSite } from './support/static';
import { eventually, startAffinityServer } from './support/affinity-server';

const ROOT = 'tests/fixtures/elements';
const SITE = 'e2e-el';
const ADMIN = 'e2e-admin-key-0123456789abcdef';
const HOLDOUT: ExperimentDefinition = { id: 'holdout', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }] };
const MERCHANT_ORDER = ['TENT', 'STOVE', 'SOCK', 'RD2'];

let browser: Browser;
let server: Awaited<ReturnType<typeof startAffinityServer>>;
let site: Awaited<ReturnType<typeof startMerchantSite>>;

beforeAll(async () => {
  server = await startAffinityServer(['--catalog', `${ROOT}/catalog.json`, '--catalog-site', SITE, '--campaigns', `${ROOT}/campaigns.json`, '--admin-key', ADMIN]);
  const put = await fetch(`${server.url}/v1/admin/experiments?site=${SITE}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ experiments: [HOLDOUT] }),
  });
  expect(put.status).toBe(200);
  site = await startMerchantSite(ROOT, { ENDPOINT: server.url });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

/** A visitor id the real hash puts in `arm` (the SDK adopts a stored id on a consented page). */
function visitorIn(arm: string): string {
  for (;;) {
    const id = ulid();
    if (assignVariant(HOLDOUT, `v:${id}`) === arm) return id;
  }
}

/** The product page with widgets, opened as `visitor`. */
async function openAs(visitor: string) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.addInitScript(([key, id]) => localStorage.setItem(key!, id!), [`af:${SITE}:visitor`, visitor]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.url}/widgets.html`);
  await page.waitForFunction(() => {
    const a = (window as any).affinity;
    return !!a && !Array.isArray(a);
  });
  expect(await page.evaluate(() => (window as any).affinity.sdk.visitorId)).toBe(visitor);
  return { page, errors, close: () => context.close() };
}

const order = (page: Page) => page.evaluate(() => Array.from(document.querySelector('#ranked')!.children, (c) => (c as HTMLElement).dataset.productId!));
const related = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelector('#related')!.shadowRoot!.querySelectorAll<HTMLElement>('li[data-product-id]'), (li) => li.dataset.productId!));

/** Four views of the camp stove: enough for a personalized list to put it first. */
async function loveTheStove(page: Page) {
  for (let i = 0; i < 4; i++) {
    await page.evaluate(() => (window as any).affinity.track('view_item', { items: [{ item_id: 'STOVE', item_name: 'Camp stove', item_category: 'Outdoor', item_category2: 'Cooking', price: 59 }] }));
  }
}

/** The visitor's events as the server stored them. */
const stored = (visitor: string) => server.events(SITE).filter((e) => e.visitor === visitor).map((e) => ({ type: e.type, data: JSON.parse(e.data) as Record<string, unknown> }));

describe('holdout experiment in Chromium', () => {
  it('treatment: the listing is re-ranked for the shopper, and widget events carry the arm', async () => {
    const visitor = visitorIn('personalized');
    const { page, errors, close } = await openAs(visitor);
    await page.waitForFunction(() => document.querySelector('#ranked')!.children.length === 4);
    expect(await order(page)).toEqual(MERCHANT_ORDER);
    await loveTheStove(page);
    await page.waitForFunction(() => (document.querySelector('#ranked')!.children[0] as HTMLElement).dataset.productId === 'STOVE');
    expect(await page.evaluate(() => document.querySelector('#ranked')!.hasAttribute('ranked'))).toBe(true);
    await page.waitForFunction(() => document.querySelector('#related')!.shadowRoot!.querySelectorAll('li[data-product-id]').length === 4);
    await page.evaluate(() => (document.querySelector('#related')!.shadowRoot!.querySelector('li[data-product-id] [part~="card"]') as HTMLElement).click());
    await page.evaluate(() => (window as any).affinity.flush());
    const events = await eventually(() => {
      const all = stored(visitor);
      return all.some((e) => e.type === 'experiment_exposure') && all.some((e) => e.type === 'select_item') ? all : undefined;
    });
    expect(events?.filter((e) => e.type === 'experiment_exposure').map((e) => e.data)).toEqual([{ experiment_id: 'holdout', variant: 'personalized' }]);
    expect(events?.find((e) => e.type === 'select_item')?.data).toMatchObject({ item_list_id: 'pdp-related', experiment_id: 'holdout', variant: 'personalized', strategy: 'related' });
    expect(errors).toEqual([]);
    await close();
  });

  it('forced control: the same views leave the merchant order, and the related slot shows best sellers', async () => {
    const visitor = visitorIn('control');
    const { page, errors, close } = await openAs(visitor);
    await page.waitForFunction(() => document.querySelector('#ranked')!.children.length === 4);
    await loveTheStove(page);
    // The arm is known once the exposure is logged; the recommendations slot then renders.
    await page.waitForFunction(async () => (await (window as any).affinity.sdk.events()).some((e: { type: string }) => e.type === 'experiment_exposure'));
    await page.waitForFunction(() => {
      const root = document.querySelector('#related')!.shadowRoot!;
      return root.querySelector('section[aria-busy="false"]') && root.querySelectorAll('li[data-product-id]').length > 0;
    });
    // The popular fallback: the server's best sellers, not the shoe's related products.
    // Computed here with core's own strategy over the same catalog and server model.
    const model = parseModel(await (await fetch(`${server.url}/v1/model?site=${SITE}`)).json()) ?? null;
    const catalog = createCatalog();
    catalog.mergePage(JSON.parse(readFileSync(`${ROOT}/catalog.json`, 'utf8')) as unknown[]);
    const popular = recommend('popular', { catalog, model, anchor: 'TR3' }, { limit: 4 }).map((r) => r.product.id);
    const relatedToShoe = recommend('related', { catalog, model, anchor: 'TR3' }, { limit: 4 }).map((r) => r.product.id);
    expect(popular).not.toEqual(relatedToShoe);
    expect(await related(page)).toEqual(popular);
    expect(await order(page)).toEqual(MERCHANT_ORDER);
    expect(await page.evaluate(() => document.querySelector('#ranked')!.hasAttribute('ranked'))).toBe(false);
    await page.evaluate(() => (document.querySelector('#related')!.shadowRoot!.querySelector('li[data-product-id] [part~="card"]') as HTMLElement).click());
    await page.evaluate(() => (window as any).affinity.flush());
    const events = await eventually(() => {
      const all = stored(visitor);
      return all.some((e) => e.type === 'select_item') ? all : undefined;
    });
    expect(events?.filter((e) => e.type === 'experiment_exposure').map((e) => e.data)).toEqual([{ experiment_id: 'holdout', variant: 'control' }]);
    expect(events?.find((e) => e.type === 'select_item')?.data).toMatchObject({ item_list_id: 'pdp-related', experiment_id: 'holdout', variant: 'control', strategy: 'popular' });
    // Still the merchant's order after everything settled.
    expect(await order(page)).toEqual(MERCHANT_ORDER);
    expect(errors).toEqual([]);
    await close();
  });
});

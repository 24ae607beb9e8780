// The <af-…> elements and the drop-in script in real Chromium, against the real server (SQLite)
// holding a catalog: rendering, live updates, layout stability, keyboard, strict CSP, XSS, and
// capture from real-world JSON-LD / dataLayer pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { startMerchantSite } from './support/static';
import { eventually, startAffinityServer } from './support/affinity-server';

type Server = Awaited<ReturnType<typeof startAffinityServer>>;
type Site = Awaited<ReturnType<typeof startMerchantSite>>;

const ROOT = 'tests/fixtures/elements';
let browser: Browser;
let server: Server;
let site: Site;
let strict: Site;

beforeAll(async () => {
  server = await startAffinityServer(['--catalog', `${ROOT}/catalog.json`, '--catalog-site', 'e2e-el', '--campaigns', `${ROOT}/campaigns.json`]);
  site = await startMerchantSite(ROOT, { ENDPOINT: server.url });
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'nonce-e2e'",
    `connect-src ${server.url}`,
    "img-src 'self' https: data:",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  strict = await startMerchantSite(ROOT, { ENDPOINT: server.url }, { 'content-security-policy': csp });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await strict?.close();
  await server?.close();
});

/** Opens a page that records CSP violations, page errors and dialogs (an XSS would open one or set a flag). */
async function open(base: string, path: string) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${base}${path}`);
  await page.waitForFunction(() => {
    const a = (window as unknown as { affinity?: unknown }).affinity;
    return !!a && !Array.isArray(a);
  });
  return { page, problems, close: () => context.close() };
}

/** Product ids a widget shows (its shadow DOM cards). */
const shown = (page: Page, selector: string) =>
  page.evaluate((s) => Array.from(document.querySelector(s)!.shadowRoot!.querySelectorAll<HTMLElement>('li[data-product-id]'), (li) => li.dataset.productId!), selector);

const track = (page: Page, type: string, data: unknown) =>
  page.evaluate(([t, d]) => (window as unknown as { affinity: { track(t: string, d: unknown): void } }).affinity.track(t as string, d), [type, data] as const);

const localEvents = (page: Page) =>
  page.evaluate(async () => (await (window as unknown as { affinity: { sdk: { events(): Promise<Array<{ type: string; data: Record<string, unknown> }>> } } }).affinity.sdk.events()));

describe('<af-…> elements in Chromium', () => {
  it('render from the server catalog under a strict CSP, prices in the page locale, titles as text', async () => {
    const { page, problems, close } = await open(strict.url, '/widgets.html');
    await page.waitForFunction(() => document.querySelector('#related')!.shadowRoot!.querySelectorAll('li[data-product-id]').length === 4);
    const related = await shown(page, '#related');
    expect(related).not.toContain('TR3'); // the page's own product
    expect(related).toEqual(expect.arrayContaining(['TR4', 'XSS'])); // same category and brand
    const card = await page.evaluate(() => {
      const root = document.querySelector('#related')!.shadowRoot!;
      const li = root.querySelector<HTMLElement>('li[data-product-id="TR4"]')!;
      return { price: li.querySelector('[part~="price"]')!.textContent!, heading: root.querySelector('h2')!.textContent };
    });
    expect(card.heading).toBe('Ähnliche Produkte');
    expect(card.price).toMatch(/119,00\s€/); // de-DE, EUR
    expect(card.price).toMatch(/139,00\s€/); // list price struck through
    // The XSS title is shown as the characters it is, and nothing ran.
    const xss = await page.evaluate(() => {
      const li = document.querySelector('#related')!.shadowRoot!.querySelector('li[data-product-id="XSS"]')!;
      return { text: li.querySelector('[part~="title"]')!.textContent, imgs: li.querySelectorAll('img[src="x"], script').length, flag: (window as { __xss?: number }).__xss };
    });
    expect(xss).toEqual({ text: '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>', imgs: 0, flag: undefined });
    // Styles applied although the CSP forbids inline styles without the nonce (constructable sheets).
    const columns = await page.evaluate(() => getComputedStyle(document.querySelector('#related')!.shadowRoot!.querySelector('ul')!).display);
    expect(columns).toBe('grid');
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('update live after a view_item: recently viewed, ranked list, why, privacy center', async () => {
    const { page, problems, close } = await open(site.url, '/widgets.html');
    await page.waitForFunction(() => document.querySelector('#ranked')!.children.length === 4);
    const order = () => page.evaluate(() => Array.from(document.querySelector('#ranked')!.children, (c) => (c as HTMLElement).dataset.productId));
    const before = await order();
    const nodesBefore = await page.evaluateHandle(() => Array.from(document.querySelector('#ranked')!.children));
    for (let i = 0; i < 4; i++) await track(page, 'view_item', { items: [{ item_id: 'STOVE', item_name: 'Camp stove', item_category: 'Outdoor', item_category2: 'Cooking', price: 59 }] });
    await page.waitForFunction(() => document.querySelector('#recent')!.shadowRoot!.querySelector('li[data-product-id="STOVE"]'));
    expect((await shown(page, '#recent'))[0]).toBe('STOVE');
    await page.waitForFunction(() => (document.querySelector('#ranked')!.children[0] as HTMLElement).dataset.productId === 'STOVE');
    expect(before[0]).toBe('TENT');
    // Same nodes, only moved.
    expect(await page.evaluate((nodes) => nodes.every((n) => n.isConnected && n.parentElement?.id === 'ranked'), nodesBefore)).toBe(true);
    await page.waitForFunction(() => /Outdoor|Cooking/.test(document.querySelector('#privacy')!.shadowRoot!.textContent ?? ''));
    for (let i = 0; i < 4; i++) await track(page, 'view_item', { items: [{ item_id: 'TR4', item_category: 'Shoes', item_category2: 'Running', item_brand: 'Peak' }] });
    await page.waitForFunction(() => /Shoes/.test(document.querySelector('#why')!.shadowRoot!.querySelector('[part="reason"]')?.textContent ?? ''));
    expect(problems).toEqual([]);
    await close();
  });

  it('keeps the layout still while widgets load (recommendations, coupon, flash sale): zero layout shift', async () => {
    const { page, problems, close } = await open(site.url, '/layout.html');
    // The skeleton's own height, recorded in the page the moment it appears (before any data).
    await page.addInitScript(() => {
      const w = window as unknown as { __skeleton?: number };
      const look = () => {
        const section = document.querySelector('#foryou')?.shadowRoot?.querySelector('section[aria-busy="true"]');
        if (section) w.__skeleton = section.getBoundingClientRect().height;
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    // A returning shopper: some history, so both widgets fill in after loading.
    await track(page, 'view_item', { items: [{ item_id: 'TENT', item_name: 'Storm tent', item_category: 'Outdoor', item_category2: 'Tents', price: 249 }] });
    await page.evaluate(() => (window as unknown as { affinity: { flush(): Promise<void> } }).affinity.flush());
    await page.reload();
    await page.waitForFunction(
      () =>
        ['#foryou', '#recent'].every((s) => document.querySelector(s)?.shadowRoot?.querySelector('section[aria-busy="false"] li[data-product-id]')) &&
        document.querySelector('#coupon')?.shadowRoot?.querySelector('[part="claim"]') &&
        document.querySelector('#flash')?.hasAttribute('status'),
    );
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().map((e) => (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve([]), 500);
        }),
    );
    expect(shifts).toEqual([]);
    const heights = await page.evaluate(() => ({
      skeleton: (window as unknown as { __skeleton?: number }).__skeleton,
      loaded: document.querySelector('#foryou')!.shadowRoot!.querySelector('section')!.getBoundingClientRect().height,
    }));
    expect(heights.skeleton).toBeGreaterThan(100);
    expect(heights.loaded).toBe(heights.skeleton); // not hidden by the reserved min-height
    expect(problems).toEqual([]);
    await close();
  });

  it('is keyboard operable: Enter on a card is a tracked select_item, Space flips the consent switch', async () => {
    const { page, close } = await open(site.url, '/widgets.html');
    await page.waitForFunction(() => document.querySelector('#related')!.shadowRoot!.querySelectorAll('li[data-product-id]').length === 4);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      return { host: host?.id, href: inner?.getAttribute('href'), product: inner?.closest('li')?.getAttribute('data-product-id') };
    });
    expect(focused.host).toBe('related');
    expect(focused.href).toMatch(/\/widgets\.html#/);
    await page.keyboard.press('Enter');
    await eventually(async () => (await localEvents(page)).some((e) => e.type === 'select_item'));
    const select = (await localEvents(page)).find((e) => e.type === 'select_item')!;
    expect(select.data).toMatchObject({ item_list_id: 'pdp-related', strategy: 'related', items: [{ item_id: focused.product, index: 0 }] });

    await page.focus('#privacy');
    const toSwitch = await page.evaluate(() => {
      const sw = document.querySelector('#privacy')!.shadowRoot!.querySelector<HTMLElement>('[role="switch"]')!;
      sw.focus();
      return sw.getAttribute('aria-checked');
    });
    expect(toSwitch).toBe('true');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('#privacy')!.shadowRoot!.querySelector('[role="switch"]')!.getAttribute('aria-checked') === 'false');
    expect(await page.evaluate(() => (window as unknown as { affinity: { $consent: { get(): string } } }).affinity.$consent.get())).toBe('denied');
    const status = await page.evaluate(() => document.querySelector('#privacy')!.shadowRoot!.querySelector('[role="status"]')!.textContent);
    expect(status).toMatch(/off/);
    await close();
  });

  it('reports each widget impression once per item and list, with its list id, to the server', async () => {
    const { page, close } = await open(site.url, '/widgets.html');
    await page.waitForFunction(() => document.querySelector('#related')!.shadowRoot!.querySelectorAll('li[data-product-id]').length === 4);
    const visitor = await page.evaluate(() => (window as unknown as { affinity: { sdk: { visitorId: string } } }).affinity.sdk.visitorId);
    // Scroll away and back: no second impression.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(200);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await page.evaluate(() => (window as unknown as { affinity: { flush(): Promise<void> } }).affinity.flush());
    const rows = await eventually(() => {
      const r = server.events('e2e-el').filter((x) => x.visitor === visitor && x.type === 'view_item_list' && JSON.parse(x.data).item_list_id === 'pdp-related');
      return r.length ? r : undefined;
    });
    const items = rows!.flatMap((r) => JSON.parse(r.data).items as Array<{ item_id: string; index: number }>);
    const reported = items.map((i) => i.item_id);
    expect(reported).toEqual(expect.arrayContaining(await shown(page, '#related')));
    expect(new Set(reported).size).toBe(reported.length); // none twice
    // Below the fold and never scrolled to long enough? Still at most once; the top widget's first card at position 0.
    expect(items.find((i) => i.index === 0)).toBeTruthy();
    expect(JSON.parse(rows![0]!.data).strategy).toBe('related');
    // The merchant's own cards in <af-ranked-list> are measured too, once each.
    const ranked = server.events('e2e-el').filter((x) => x.visitor === visitor && x.type === 'view_item_list' && JSON.parse(x.data).item_list_id === 'category-all');
    const rankedIds = ranked.flatMap((r) => (JSON.parse(r.data).items as Array<{ item_id: string }>).map((i) => i.item_id));
    expect(rankedIds.sort()).toEqual(['RD2', 'SOCK', 'STOVE', 'TENT']);
    await close();
  });
});

describe('promotion elements against the real server', () => {
  it('<af-coupon>: shows the targeted offer only, claims a signed code and announces it', async () => {
    const { page, problems, close } = await open(site.url, '/promos.html');
    await page.waitForFunction(() => document.querySelector('#coupon')!.shadowRoot!.querySelector('[part="claim"]'));
    const titles = await page.evaluate(() => Array.from(document.querySelector('#coupon')!.shadowRoot!.querySelectorAll('[part="title"]'), (t) => t.textContent));
    expect(titles).toEqual(['10% off your first order']);
    const text = await page.evaluate(() => document.querySelector('#coupon')!.shadowRoot!.querySelector('li')!.textContent!.replace(/\s+/g, ' '));
    expect(text).toContain('10% off');
    expect(text).toContain('€30.00');
    await page.evaluate(() => document.querySelector('#coupon')!.shadowRoot!.querySelector<HTMLElement>('[part="claim"]')!.focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#coupon')!.shadowRoot!.querySelector('code'));
    const code = await page.evaluate(() => document.querySelector('#coupon')!.shadowRoot!.querySelector('code')!.textContent!);
    expect(code.length).toBeGreaterThan(8);
    // The code renders as soon as the store holds it; the polite announcement follows on the next update.
    await page.waitForFunction(() => (document.querySelector('#coupon')!.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '').includes('Your code is'));
    expect(await page.evaluate(() => document.querySelector('#coupon')!.shadowRoot!.querySelector('[role="status"]')!.textContent)).toContain(code);
    // The claim was a tracked promotion selection, and the view was counted once.
    const events = await localEvents(page);
    expect(events.filter((e) => e.type === 'view_promotion' && e.data.promotion_id === 'welcome10')).toHaveLength(1);
    expect(events.some((e) => e.type === 'select_promotion' && e.data.promotion_id === 'welcome10')).toBe(true);
    // Remembered on the next page.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#coupon')?.shadowRoot?.querySelector('code'));
    expect(await page.evaluate(() => document.querySelector('#coupon')!.shadowRoot!.querySelector('code')!.textContent)).toBe(code);
    expect(problems).toEqual([]);
    await close();
  });

  it('<af-flash-sale>: live stock and countdown, claims never oversell, then sold out for the next shopper', async () => {
    const shoppers = [await open(site.url, '/promos.html'), await open(site.url, '/promos.html'), await open(site.url, '/promos.html')];
    const status = (p: Page) => p.evaluate(() => document.querySelector('#flash')!.getAttribute('status'));
    for (const s of shoppers.slice(0, 2)) {
      await s.page.waitForFunction(() => document.querySelector('#flash')!.getAttribute('status') === 'live');
      expect(await s.page.evaluate(() => document.querySelector('#flash')!.shadowRoot!.querySelector('[role="timer"]')!.textContent)).toMatch(/\d+ d \d\d:\d\d:\d\d/);
      await s.page.evaluate(() => document.querySelector('#flash')!.shadowRoot!.querySelector<HTMLElement>('[part="claim"]')!.click());
      await s.page.waitForFunction(() => document.querySelector('#flash')!.getAttribute('status') === 'claimed');
      expect(await s.page.evaluate(() => document.querySelector('#flash')!.shadowRoot!.querySelector('[role="status"]')!.textContent)).toMatch(/Claimed/);
    }
    const last = shoppers[2]!.page;
    await last.reload();
    await last.waitForFunction(() => document.querySelector('#flash')!.getAttribute('status') === 'sold_out');
    expect(await last.evaluate(() => document.querySelector('#flash')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="claim"]')!.disabled)).toBe(true);
    expect(await status(shoppers[0]!.page)).toBe('claimed');
    for (const s of shoppers) {
      expect(s.problems).toEqual([]);
      await s.close();
    }
  });
});

describe('the drop-in script on real-world pages', () => {
  it('captures a Shopify-style product page: JSON-LD arrays and offers, queued and later GA4 pushes', async () => {
    const { page, close } = await open(site.url, '/capture-product.html');
    await page.click('#add');
    const visitor = await page.evaluate(() => (window as unknown as { affinity: { sdk: { visitorId: string } } }).affinity.sdk.visitorId);
    await page.evaluate(() => (window as unknown as { affinity: { flush(): Promise<void> } }).affinity.flush());
    const rows = await eventually(() => {
      const r = server.events('e2e-cap').filter((x) => x.visitor === visitor);
      return r.some((x) => x.type === 'add_to_cart') ? r : undefined;
    });
    const views = rows!.filter((r) => r.type === 'view_item').map((r) => JSON.parse(r.data).items[0]);
    expect(views).toContainEqual(expect.objectContaining({ item_id: 'ADJ-100', item_name: 'Alpine Down Jacket', item_brand: 'Northwind', price: 249 }));
    const cart = JSON.parse(rows!.find((r) => r.type === 'add_to_cart')!.data);
    expect(cart.items[0]).toMatchObject({ item_id: 'ADJ-100', item_variant: 'M', quantity: 1 });
    await close();
  });

  it('captures a listing page: an ItemList inside @graph, broken JSON-LD skipped, a Universal Analytics click', async () => {
    const { page, problems, close } = await open(site.url, '/capture-listing.html');
    const visitor = await page.evaluate(() => (window as unknown as { affinity: { sdk: { visitorId: string } } }).affinity.sdk.visitorId);
    await page.evaluate(() => (window as unknown as { affinity: { flush(): Promise<void> } }).affinity.flush());
    const rows = await eventually(() => {
      const r = server.events('e2e-cap').filter((x) => x.visitor === visitor);
      return r.some((x) => x.type === 'view_item_list') && r.some((x) => x.type === 'select_item') ? r : undefined;
    });
    const list = JSON.parse(rows!.find((r) => r.type === 'view_item_list')!.data);
    expect(list.items.map((i: { item_id: string }) => i.item_id)).toEqual(['ADJ-100', 'RSH-200', 'FLC-300']);
    expect(list.items[2].item_name).toBe('Fleece & Co "Classic"');
    const click = JSON.parse(rows!.find((r) => r.type === 'select_item')!.data);
    expect(click.items[0]).toMatchObject({ item_id: 'RSH-200', index: 1 });
    expect(problems).toEqual([]);
    await close();
  });
});

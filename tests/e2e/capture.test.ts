// The capture → IndexedDB → sync spine in a real browser against the real server on SQLite:
// the built affinity.js on a merchant page (its own origin), real IndexedDB, real beacons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { startMerchantSite } from './support/static';
import { eventually, startAffinityServer } from './support/affinity-server';

type Server = Awaited<ReturnType<typeof startAffinityServer>>;
type Site = Awaited<ReturnType<typeof startMerchantSite>>;

// Functions passed to page.evaluate run in the page, so they reach the embed's API through
// `window` (loosely typed: it is the page's object, not this file's).

let browser: Browser;
let server: Server;
let site: Site;
let deniedSite: Site;

beforeAll(async () => {
  server = await startAffinityServer();
  site = await startMerchantSite('tests/fixtures/pages', { ENDPOINT: server.url, CONSENT: 'granted' });
  deniedSite = await startMerchantSite('tests/fixtures/pages', { ENDPOINT: server.url, CONSENT: 'denied' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await deniedSite?.close();
  await server?.close();
});

/** Every event id in every batch the browser sent, to prove no event is sent twice. */
function recordSentIds(context: BrowserContext) {
  const sent: string[] = [];
  context.on('request', (req: Request) => {
    if (!req.url().endsWith('/v1/events') || req.method() !== 'POST') return;
    try {
      for (const e of JSON.parse(req.postData() ?? '{}').events ?? []) sent.push(e.id);
    } catch {
      // not a batch
    }
  });
  return sent;
}

async function openProduct(context: BrowserContext, base: string) {
  const page = await context.newPage();
  await page.goto(`${base}/product.html`);
  await page.waitForFunction(() => (window as any).affinity && !Array.isArray((window as any).affinity));
  return page;
}

const localIds = (page: import('playwright-core').Page) =>
  page.evaluate(async () => (await (window as any).affinity.sdk.events()).map((e: { id: string }) => e.id) as string[]);

describe('capture → IndexedDB → server', () => {
  it('delivers every event of a tab that is closed, exactly once, with auto-captured page data', async () => {
    const context = await browser.newContext();
    const sent = recordSentIds(context);
    const page = await openProduct(context, site.url);
    await page.click('#select-sock');
    await page.click('#add');
    await page.evaluate(() => {
      for (let i = 0; i < 30; i++) (window as any).affinity.track('search', { search_term: `query ${i}` });
    });
    const ids = await localIds(page);
    expect(ids.length).toBeGreaterThanOrEqual(35);
    // Close at once: whatever is not yet sent must leave by beacon on pagehide.
    await page.close({ runBeforeUnload: true });

    const rows = await eventually(() => {
      const r = server.events('e2e');
      return ids.every((id) => r.some((x) => x.id === id)) && r.some((x) => x.type === 'user_engagement') ? r : undefined;
    });
    expect(rows, `events missing after the tab closed; server log:\n${server.output()}`).toBeTruthy();
    const count = (type: string) => rows!.filter((r) => r.type === type).length;
    expect(count('page_view')).toBe(1);
    expect(count('search')).toBe(30);
    expect(count('add_to_cart')).toBe(1);
    expect(count('select_item')).toBe(1);
    const view = rows!.find((r) => r.type === 'view_item')!;
    expect(JSON.parse(view.data).items[0]).toMatchObject({ item_id: 'TR3', item_name: 'Trail Runner 3', item_brand: 'Peak', price: 89.9, item_category: 'Shoes', item_category2: 'Running' });
    const list = rows!.find((r) => r.type === 'view_item_list')!;
    expect(JSON.parse(list.data).items[0].item_id).toBe('SOCK');
    const dwell = JSON.parse(rows!.find((r) => r.type === 'user_engagement')!.data);
    expect(dwell.dwell_ms).toBeGreaterThan(0);
    expect(dwell.items[0].item_id).toBe('TR3');
    // One visitor, and no event id in two requests.
    expect(new Set(rows!.map((r) => r.visitor)).size).toBe(1);
    expect(sent.length).toBe(new Set(sent).size);
    await context.close();
  });

  it('two tabs tracking at once: every event stored once, none sent twice', async () => {
    const context = await browser.newContext();
    const sent = recordSentIds(context);
    const before = new Set(server.events('e2e').map((r) => r.id));
    const [a, b] = await Promise.all([openProduct(context, site.url), openProduct(context, site.url)]);
    const burst = (p: typeof a, tag: string) =>
      p.evaluate(async (tag) => {
        for (let i = 0; i < 100; i++) {
          (window as any).affinity.track('search', { search_term: `${tag} ${i}` });
          if (i % 10 === 0) await new Promise((r) => setTimeout(r, 20));
        }
        await (window as any).affinity.flush();
      }, tag);
    await Promise.all([burst(a, 'a'), burst(b, 'b')]);
    const ids = [...new Set([...(await localIds(a)), ...(await localIds(b))])].filter((id) => !before.has(id));
    expect(ids.length).toBeGreaterThanOrEqual(200);
    const ok = await eventually(() => {
      const stored = new Set(server.events('e2e').map((r) => r.id));
      return ids.every((id) => stored.has(id));
    });
    expect(ok).toBe(true);
    const terms = server
      .events('e2e')
      .filter((r) => r.type === 'search' && !before.has(r.id))
      .map((r) => JSON.parse(r.data).search_term as string);
    expect(terms.filter((t) => t.startsWith('a ')).length).toBe(100);
    expect(terms.filter((t) => t.startsWith('b ')).length).toBe(100);
    expect(sent.length).toBe(new Set(sent).size);
    await context.close();
  });

  it('server stopped mid-session then restarted: nothing is lost', async () => {
    const context = await browser.newContext();
    const page = await openProduct(context, site.url);
    await page.evaluate(async () => {
      for (let i = 0; i < 10; i++) (window as any).affinity.track('search', { search_term: `before ${i}` });
      await (window as any).affinity.flush();
    });
    await server.stop();
    await page.evaluate(async () => {
      for (let i = 0; i < 10; i++) (window as any).affinity.track('search', { search_term: `during ${i}` });
      await (window as any).affinity.flush().catch(() => undefined);
    });
    const pending = await page.evaluate(() => (window as any).affinity.$sync.get().pending as number);
    expect(pending).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1500));
    await server.start();
    const terms = await eventually(
      () => {
        const t = server.events('e2e').map((r) => JSON.parse(r.data).search_term as string | undefined);
        return t.filter((x) => x?.startsWith('during ')).length === 10 ? t : undefined;
      },
      60_000,
    );
    expect(terms?.filter((x) => x?.startsWith('before ')).length).toBe(10);
    await context.close();
  });

  it('a page hidden in the same task as the calls still beacons them (the batch is handed on at once)', async () => {
    const context = await browser.newContext();
    const page = await openProduct(context, site.url);
    const { ids, beaconed } = await page.evaluate(async () => {
      // Keep what goes into beacons, to tell them apart from the regular batches.
      const bodies: Blob[] = [];
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url: string | URL, body?: BodyInit | null) => (bodies.push(body as Blob), send(url, body));
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push((window as any).affinity.track('search', { search_term: `last task ${i}` }).id);
      // What the browser fires when the tab closes: no later task or microtask is guaranteed.
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      const texts = await Promise.all(bodies.map((b) => b.text()));
      return { ids: out, beaconed: texts.flatMap((t) => JSON.parse(t).events.map((e: { id: string }) => e.id)) as string[] };
    });
    expect(ids.filter((id) => !beaconed.includes(id))).toEqual([]);
    const ok = await eventually(() => {
      const stored = new Set(server.events('e2e').map((r) => r.id));
      return ids.every((id) => stored.has(id));
    });
    expect(ok, `events missing after pagehide; server log:\n${server.output()}`).toBe(true);
    await context.close();
  });

  it('a 10,000-event burst is delivered completely and the page keeps answering', async () => {
    const context = await browser.newContext();
    const sent = recordSentIds(context);
    const page = await openProduct(context, site.url);
    const before = new Set(server.events('e2e').map((r) => r.id));
    const ids = await page.evaluate(() => {
      const out: string[] = [];
      for (let i = 0; i < 10_000; i++) out.push((window as any).affinity.track('view_item', { items: [{ item_id: `burst-${i % 500}`, price: 10 }] }).id);
      return out;
    });
    expect(new Set(ids).size).toBe(10_000);
    const ok = await eventually(() => {
      const stored = new Set(server.events('e2e').filter((r) => !before.has(r.id)).map((r) => r.id));
      return ids.every((id) => stored.has(id));
    }, 60_000);
    expect(ok, `burst not fully delivered; server log:\n${server.output()}`).toBe(true);
    await page.waitForFunction(() => (window as any).affinity.$sync.get().pending === 0);
    expect(sent.length).toBe(new Set(sent).size);
    await context.close();
  });

  it('consent denied: no request leaves the page and nothing behavioural is stored', async () => {
    const context = await browser.newContext();
    const requests: string[] = [];
    context.on('request', (r) => {
      if (!r.url().startsWith(deniedSite.url)) requests.push(r.url());
    });
    const page = await openProduct(context, deniedSite.url);
    await page.click('#add');
    await page.evaluate(() => (window as any).affinity.track('search', { search_term: 'private' }));
    await page.waitForTimeout(1500);
    const stored = await page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      const keys = Object.keys(localStorage).filter((k) => k.startsWith('af'));
      return { dbs: dbs.map((d) => d.name), keys };
    });
    await page.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(requests).toEqual([]);
    expect(stored.keys).toEqual([]);
    expect(stored.dbs).toEqual([]);
    await context.close();
  });
});

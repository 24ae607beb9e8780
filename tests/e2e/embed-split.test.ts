// The drop-in's two files in Chromium: affinity.js fetches affinity-widgets.<hash>.js only when
// the page holds an <af-…> element (also one a single-page app adds later), with the SRI hash of the
// built chunk, and a tampered chunk is refused while capture keeps working.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { startMerchantSite } from './support/static';
import { startAffinityServer } from './support/affinity-server';

const ROOT = 'tests/fixtures/elements';
let browser: Browser;
let server: Awaited<ReturnType<typeof startAffinityServer>>;
let site: Awaited<ReturnType<typeof startMerchantSite>>;

beforeAll(async () => {
  server = await startAffinityServer();
  site = await startMerchantSite(ROOT, { ENDPOINT: server.url });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

/** Opens a page and counts its requests for the widgets chunk. */
async function open(path: string, before?: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const chunkRequests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/affinity-widgets.')) chunkRequests.push(r.url());
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await before?.(page);
  await page.goto(`${site.url}${path}`);
  await page.waitForFunction(() => (window as any).affinity && !Array.isArray((window as any).affinity));
  return { page, chunkRequests, errors, close: () => context.close() };
}

const localTypes = (page: Page) => page.evaluate(async () => ((await (window as any).affinity.sdk.events()) as Array<{ type: string }>).map((e) => e.type));

describe('affinity.js and its widgets chunk', () => {
  it('a page without <af-…> elements captures without downloading the widgets; one added later loads them once', async () => {
    const { page, chunkRequests, close } = await open('/capture-product.html');
    await page.waitForFunction(async () => ((await (window as any).affinity.sdk.events()) as Array<{ type: string }>).some((e) => e.type === 'view_item'));
    await page.waitForLoadState('networkidle');
    expect(chunkRequests).toEqual([]);
    expect(await page.evaluate(() => customElements.get('af-recently-viewed'))).toBeUndefined();

    // A single-page app renders a widget after load.
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<af-recently-viewed id="later"></af-recently-viewed><af-why product-id="x"></af-why>';
      document.body.append(box);
    });
    await page.waitForFunction(() => !!document.querySelector('#later')?.shadowRoot);
    expect(chunkRequests).toHaveLength(1);
    const [src, integrity] = await page.evaluate(() => {
      const s = document.querySelector<HTMLScriptElement>('script[src*="affinity-widgets."]')!;
      return [s.src, s.integrity];
    });
    // Content-hashed, so an affinity.js cached anywhere keeps fetching the chunk it was built with.
    expect(src).toMatch(/\/affinity-widgets\.[\w-]+\.js$/);
    const built = readFileSync(`packages/embed/dist/${new URL(src!).pathname.slice(1)}`);
    expect(integrity).toBe(`sha384-${createHash('sha384').update(built).digest('base64')}`);
    await close();
  });

  it('refuses a tampered widgets chunk (SRI) and keeps capturing', async () => {
    const { page, chunkRequests, errors, close } = await open('/widgets.html', async (p) => {
      await p.route('**/affinity-widgets.*.js', (route) =>
        route.fulfill({ contentType: 'text/javascript', body: 'window.__tampered = true; window.AffinityWidgets = { startElements() { window.__started = true; } };' }),
      );
    });
    // Chromium logs the refusal ("Failed to find a valid digest in the 'integrity' attribute…").
    await vi.waitFor(() => expect(errors.some((e) => /integrity/i.test(e))).toBe(true), { timeout: 10_000 });
    expect(chunkRequests).toHaveLength(1);
    expect(await page.evaluate(() => [(window as any).__tampered, (window as any).__started, customElements.get('af-recommendations')])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    await page.evaluate(() => (window as any).affinity.track('search', { search_term: 'tent' }));
    await page.waitForFunction(async () => ((await (window as any).affinity.sdk.events()) as Array<{ type: string }>).some((e) => e.type === 'search'));
    expect(await localTypes(page)).toContain('search');
    await close();
  });
});

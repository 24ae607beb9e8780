// <af-lottery> in Chromium against the real server: the shopper sees the odds and stock the
// server publishes, spends points, and is told the result the server drew (reduced motion: at
// once); the ledger on the server matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { identifySignature } from '../../packages/server/src/identity/tokens';
import { launchChromium } from './support/chromium';
import { startMerchantSite } from './support/static';
import { startAffinityServer } from './support/affinity-server';

const ROOT = 'tests/fixtures/referral';
const ADMIN = 'lottery-e2e-admin-key-0123456789';
const CUSTOMER = 'c-lucky';
let browser: Browser;
let server: Awaited<ReturnType<typeof startAffinityServer>>;
let site: Awaited<ReturnType<typeof startMerchantSite>>;

beforeAll(async () => {
  server = await startAffinityServer(['--campaigns', `${ROOT}/campaigns.json`, '--admin-key', ADMIN, '--sites', 'e2e-ref=*']);
  site = await startMerchantSite(ROOT, { ENDPOINT: server.url, CUSTOMER, SIGNATURE: identifySignature(ADMIN, 'e2e-ref', CUSTOMER) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

const admin = async (method: string, path: string, body?: unknown) =>
  (await fetch(server.url + path, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<Record<string, any>>;

/** Text of the first element matching `selector` in the lottery's shadow root ('' when none). */
const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector('af-lottery')!.shadowRoot!.querySelector(s)?.textContent?.trim() ?? '', selector);

describe('<af-lottery> against the real server', () => {
  it('shows odds and stock, spends points on server-drawn prizes, and stops when every prize is gone', async () => {
    await admin('POST', '/v1/points/earn', { site: 'e2e-ref', customer: CUSTOMER, order: { id: 'seed-1', value: 250 } });
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${site.url}/lottery.html`);
    await page.waitForFunction(() => !!document.querySelector('af-lottery')?.shadowRoot?.querySelector('tbody tr'));
    const rows = await page.evaluate(() =>
      Array.from(document.querySelector('af-lottery')!.shadowRoot!.querySelectorAll('tbody tr'), (tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!.trim())),
    );
    expect(rows).toEqual([
      ['Try again', '0%', '0 of 0'],
      ['50 bonus points', '75%', '1 of 1'],
      ['5 off', '25%', '1 of 1'],
    ]);
    await page.waitForFunction(() => /Your points: 250/.test(document.querySelector('af-lottery')!.shadowRoot!.querySelector('[part="balance"]')?.textContent ?? ''));

    const won: string[] = [];
    for (let i = 0; i < 2; i++) {
      await page.waitForFunction(() => !document.querySelector('af-lottery')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="draw"]')!.disabled);
      await page.evaluate(() => document.querySelector('af-lottery')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="draw"]')!.click());
      const before = won.at(-1) ?? '';
      await page.waitForFunction((prev) => {
        const t = document.querySelector('af-lottery')!.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
        return /You won/.test(t) && t !== prev;
      }, before);
      won.push(await textOf(page, '[role="status"]'));
      // Reduced motion: no highlight run, the result is shown at once.
      expect(await page.evaluate(() => document.querySelector('af-lottery')!.shadowRoot!.querySelector('tr.lit') === null)).toBe(true);
    }
    // One unit each: the two draws took both prizes, in some order the server chose.
    expect(won.some((t) => /You won 50 bonus points! 50 points added\./.test(t))).toBe(true);
    expect(won.some((t) => /You won 5 off! Your code: thanks5\./.test(t))).toBe(true);
    await page.waitForFunction(() => {
      const root = document.querySelector('af-lottery')!.shadowRoot!;
      return /All prizes won/.test(root.querySelector('[part="draw"]')!.textContent!) && root.querySelector<HTMLButtonElement>('[part="draw"]')!.disabled;
    });
    expect(await textOf(page, '[part="balance"]')).toBe('Your points: 100');

    const ledger = await admin('GET', `/v1/points/${CUSTOMER}?site=e2e-ref`);
    expect(ledger.balance).toBe(100);
    expect(ledger.movements.map((m: { reason: string; delta: number }) => [m.reason, m.delta]).sort()).toEqual([['lottery', -100], ['lottery', -100], ['lottery_prize', 50], ['purchase', 250]]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

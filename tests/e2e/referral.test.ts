// Share and referral end to end: a sharer and a receiver in two browser contexts (two shoppers),
// the built drop-in script and <af-share>, against the real server; then the merchant's server
// redeems the receiver's first order and the sharer is rewarded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { startMerchantSite } from './support/static';
import { startAffinityServer } from './support/affinity-server';

const ROOT = 'tests/fixtures/referral';
const ADMIN = 'referral-e2e-admin-key-0123456789';
let browser: Browser;
let server: Awaited<ReturnType<typeof startAffinityServer>>;
let site: Awaited<ReturnType<typeof startMerchantSite>>;

beforeAll(async () => {
  server = await startAffinityServer(['--campaigns', `${ROOT}/campaigns.json`, '--admin-key', ADMIN, '--sites', 'e2e-ref=*']);
  site = await startMerchantSite(ROOT, { ENDPOINT: server.url });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

/** A new shopper: their own browser context (own storage, own visitor id). */
async function shopper() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

async function openProduct(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => {
    const a = (window as any).affinity;
    return !!a && !Array.isArray(a) && !!document.querySelector('af-share')?.shadowRoot?.querySelector('button');
  });
  return page.evaluate(() => (window as any).affinity.sdk.visitorId as string);
}

const shadowText = (page: Page, part: string) => page.evaluate((p) => document.querySelector('af-share')!.shadowRoot!.querySelector(`[part="${p}"]`)?.textContent ?? '', part);

const admin = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('share and referral in two browsers', () => {
  it('the receiver is welcomed through the link without learning who shared, and the sharer is rewarded once', async () => {
    const sharer = await shopper();
    const sharerVisitor = await openProduct(sharer.page, `${site.url}/product.html`);
    await sharer.page.evaluate(() => document.addEventListener('af-share', (e) => ((window as any).__shared = (e as CustomEvent).detail)));
    await sharer.page.evaluate(() => document.querySelector('af-share')!.shadowRoot!.querySelector('button')!.click());
    await sharer.page.waitForFunction(() => !!(window as any).__shared);
    const shared = (await sharer.page.evaluate(() => (window as any).__shared)) as { url: string; method: string };
    const token = new URL(shared.url).searchParams.get('af_ref')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(shared.url).not.toContain(sharerVisitor);
    expect(new URL(shared.url).pathname).toBe('/product.html');

    // The sharer opening their own link is told so, and gets nothing.
    await sharer.page.goto(shared.url);
    await sharer.page.waitForFunction(() => /own share link/.test(document.querySelector('af-share')?.shadowRoot?.querySelector('[part="welcome"]')?.textContent ?? ''));

    const receiver = await shopper();
    const landings: string[] = [];
    receiver.page.on('response', (r) => {
      if (r.url().endsWith('/v1/referrals/land')) void r.text().then((t) => landings.push(t));
    });
    const receiverVisitor = await openProduct(receiver.page, shared.url);
    expect(receiverVisitor).not.toBe(sharerVisitor);
    await receiver.page.waitForFunction(() => /Your code: friend10\./.test(document.querySelector('af-share')?.shadowRoot?.querySelector('[part="welcome"]')?.textContent ?? ''));
    const welcome = await shadowText(receiver.page, 'welcome');
    const code = /Your code: (\S+?) \(/.exec(welcome)![1]!;
    // The token leaves the address bar (not re-shared), and nothing the receiver got names the sharer.
    expect(new URL(receiver.page.url()).searchParams.has('af_ref')).toBe(false);
    expect(landings).toHaveLength(1);
    expect(landings[0]).not.toContain(sharerVisitor);
    // The landing is in the receiver's event log as a referral of the program (not the token).
    await receiver.page.waitForFunction(async () => (await (window as any).affinity.sdk.events()).some((e: { type: string }) => e.type === 'referral'));
    const referral = await receiver.page.evaluate(async () => (await (window as any).affinity.sdk.events()).find((e: { type: string }) => e.type === 'referral'));
    expect(referral.data).toEqual({ promotion_id: 'share', promotion_name: 'Share and save' });

    const { claims } = (await (await admin('/v1/admin/referrals/share/claims?site=e2e-ref')).json()) as { claims: { visitor: string; sharerVisitor: string; reward: unknown }[] };
    expect(claims).toEqual([expect.objectContaining({ visitor: receiverVisitor, sharerVisitor, reward: null })]);

    // The merchant's server redeems the receiver's first order: that redemption rewards the sharer.
    const redeemed = await admin('/v1/coupons/redeem', { site: 'e2e-ref', code, visitor: receiverVisitor, order: { id: 'order-1', subtotal: 60 } }, { 'idempotency-key': 'e2e-redeem-1' });
    expect(await redeemed.json()).toMatchObject({ valid: true, discount: 6, referral: { program: 'share', rewarded: true } });
    // An integration that still settles the referral itself finds it done, with the sharer's coupon.
    const reward = await admin('/v1/referrals/reward', { site: 'e2e-ref', order: 'order-1' });
    expect(reward.status).toBe(200);
    expect(await reward.json()).toMatchObject({ duplicate: true, reward: { kind: 'coupon', code: expect.stringMatching(/^thanks5\./) } });

    expect([...sharer.problems, ...receiver.problems]).toEqual([]);
    await sharer.context.close();
    await receiver.context.close();
  });

  it('a group offer unlocks when a second shopper joins through the sharer\'s link, and the friend gets the code', async () => {
    const groupPart = (page: Page) => page.evaluate(() => document.querySelector('af-share')!.shadowRoot!.querySelector('[part="group"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
    const lead = await shopper();
    await openProduct(lead.page, `${site.url}/group.html`);
    await lead.page.evaluate(() => document.addEventListener('af-share', (e) => ((window as any).__shared = (e as CustomEvent).detail)));
    await lead.page.evaluate(() => document.querySelector('af-share')!.shadowRoot!.querySelector('button')!.click());
    await lead.page.waitForFunction(() => !!(window as any).__shared);
    const url = (await lead.page.evaluate(() => (window as any).__shared.url)) as string;
    await lead.page.waitForFunction(() => /1 of 2 shoppers joined/.test(document.querySelector('af-share')!.shadowRoot!.querySelector('[part="group"]')?.textContent ?? ''));
    expect(await groupPart(lead.page)).toContain('1 more needed');

    const friend = await shopper();
    await openProduct(friend.page, url);
    await friend.page.waitForFunction(() => /2 of 2 shoppers joined/.test(document.querySelector('af-share')!.shadowRoot!.querySelector('[part="group"]')?.textContent ?? ''));
    expect(await groupPart(friend.page)).toContain('Unlocked!');
    await friend.page.evaluate(() => document.querySelector('af-share')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="group-claim"]')!.click());
    await friend.page.waitForFunction(() => /Your group code: pair15\./.test(document.querySelector('af-share')!.shadowRoot!.querySelector('[part="status"]')?.textContent ?? ''));
    expect([...lead.problems, ...friend.problems]).toEqual([]);
    await lead.context.close();
    await friend.context.close();
  });
});

// Behaviour of a coupon widget, whatever renders it.
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, until, type Fixture } from './fixtures';

export interface CouponsView {
  /** Titles of the offers shown. */
  titles(): string[];
  /** The code shown for the first offer, once claimed. */
  code(): string | undefined;
  /** Clicks the first offer's claim button. */
  claim(): void;
  /** Whatever the widget tells the shopper after a claim (result or refusal). */
  message(): string;
  unmount(): void;
}

const CAMPAIGNS = [
  { id: 'vip', kind: 'percentage', title: 'VIP 20%', discount: { type: 'percent', value: 20 }, target: { rfm: ['champion'] }, caps: { perVisitor: 1 }, priority: 5 },
  { id: 'welcome10', kind: 'welcome', title: '10% off your first order', discount: { type: 'percent', value: 10 }, caps: { perVisitor: 1 }, priority: 1 },
];

export function couponsBehaviour(name: string, mount: (fx: Fixture) => CouponsView | Promise<CouponsView>): void {
  describe(`${name}: coupons`, () => {
    let fx: Fixture | undefined;
    let view: CouponsView | undefined;
    afterEach(() => {
      view?.unmount();
      fx?.stop();
      view = fx = undefined;
    });

    const serve = (claim: (body: { visitor: string; campaign: string }) => unknown) => (url: string, body: unknown) => {
      if (url.includes('/v1/campaigns')) return { campaigns: CAMPAIGNS, flashSales: [], serverTime: Date.now() };
      if (url.includes('/v1/coupons/claim')) return claim(body as { visitor: string; campaign: string });
      return undefined;
    };

    it('shows only the offers this shopper is targeted by', async () => {
      fx = startRuntime({ server: serve(() => ({ status: 500 })) });
      view = await mount(fx);
      await until(() => expect(view!.titles()).toEqual(['10% off your first order']));
    });

    it('claims a code from the server for this visitor and shows it', async () => {
      const claims: Array<{ visitor: string; campaign: string }> = [];
      fx = startRuntime({
        server: serve((body) => {
          claims.push(body);
          return { status: 201, code: 'WELCOME-7Q2X', campaign: body.campaign, title: '10% off your first order', discount: { type: 'percent', value: 10 }, expiresAt: Date.now() + 86_400_000, serverTime: Date.now() };
        }),
      });
      view = await mount(fx);
      await until(() => expect(view!.titles()).toHaveLength(1));
      view.claim();
      await until(() => expect(view!.code()).toBe('WELCOME-7Q2X'));
      expect(claims).toEqual([expect.objectContaining({ visitor: fx.affinity.visitorId, campaign: 'welcome10' })]);
      expect(view.message()).toContain('WELCOME-7Q2X');
    });

    it('tells the shopper when the server refuses, and shows no code', async () => {
      fx = startRuntime({ server: serve(() => ({ status: 409, reason: 'per_visitor_cap', error: 'already claimed' })) });
      view = await mount(fx);
      await until(() => expect(view!.titles()).toHaveLength(1));
      view.claim();
      await until(() => expect(view!.message()).not.toBe(''));
      expect(view.code()).toBeUndefined();
    });

    it.each([
      ['control', ['10% off your first order']],
      ['personalized', ['Hello newcomer']],
    ] as const)('in a holdout, %s sees targeted offers only when personalized', async (arm, titles) => {
      const targeted = { id: 'newcomer', kind: 'percentage', title: 'Hello newcomer', discount: { type: 'percent', value: 5 }, target: { lifecycle: ['new_visitor'] }, caps: { perVisitor: 1 }, priority: 3 };
      fx = startRuntime({
        arm,
        server: (url) => (url.includes('/v1/campaigns') ? { campaigns: [...CAMPAIGNS, targeted], flashSales: [], serverTime: Date.now() } : undefined),
      });
      view = await mount(fx);
      // Priority puts the targeted offer first wherever it may be shown.
      await until(() => expect(view!.titles()[0]).toBe(titles[0]));
    });
  });
}

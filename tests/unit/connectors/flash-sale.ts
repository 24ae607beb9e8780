// Behaviour of a flash-sale widget, whatever renders it.
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, until, type Fixture } from './fixtures';

export interface FlashSaleView {
  /** `upcoming`, `live`, `sold_out`, `ended`, `claimed` as the widget shows it. */
  status(): string | undefined;
  /** The countdown as displayed (e.g. `04:59`). */
  countdown(): string;
  /** Units left as displayed. */
  remaining(): number | undefined;
  canClaim(): boolean;
  claim(): void;
  unmount(): void;
}

const MIN = 60_000;

function sale(now: number, over: Record<string, unknown> = {}) {
  return { id: 'tent-drop', title: 'Storm tent drop', item: 'tent', price: 149, listPrice: 249, startsAt: now - MIN, endsAt: now + 5 * MIN, stock: 10, remaining: 3, perVisitor: 1, holdMinutes: 10, restricted: false, ...over };
}

export function flashSaleBehaviour(name: string, mount: (fx: Fixture, saleId: string) => FlashSaleView | Promise<FlashSaleView>): void {
  describe(`${name}: flash sale`, () => {
    let fx: Fixture | undefined;
    let view: FlashSaleView | undefined;
    afterEach(() => {
      view?.unmount();
      fx?.stop();
      view = fx = undefined;
    });

    it('counts down by the server clock even when the device clock is 10 minutes off', async () => {
      const serverNow = Date.now();
      fx = startRuntime({
        now: () => Date.now() + 10 * MIN,
        server: (url) => (url.includes('/v1/flash-sales/tent-drop') ? { sale: sale(serverNow), reservations: [], serverTime: Date.now() } : undefined),
      });
      view = await mount(fx, 'tent-drop');
      await until(() => expect(view!.status()).toBe('live'));
      expect(view.countdown()).toMatch(/^0[45]:\d\d$/);
      expect(view.remaining()).toBe(3);
      expect(view.canClaim()).toBe(true);
    });

    it('claims a unit: the shopper holds it and sees fewer left', async () => {
      const now = Date.now();
      fx = startRuntime({
        server: (url) => {
          if (url.endsWith('/claim')) return { status: 201, reservation: { id: 'r1', sale: 'tent-drop', expiresAt: Date.now() + 10 * MIN, status: 'held' }, remaining: 2, serverTime: Date.now() };
          if (url.includes('/v1/flash-sales/tent-drop')) return { sale: sale(now), reservations: [], serverTime: Date.now() };
          return undefined;
        },
      });
      view = await mount(fx, 'tent-drop');
      await until(() => expect(view!.canClaim()).toBe(true));
      view.claim();
      await until(() => expect(view!.status()).toBe('claimed'));
      expect(view.countdown()).toMatch(/^(09|10):\d\d$/); // the hold's time left
    });

    it('shows sold out and ended, and offers no claim then', async () => {
      let over: Record<string, unknown> = { remaining: 0 };
      const now = Date.now();
      fx = startRuntime({ server: (url) => (url.includes('/v1/flash-sales/tent-drop') ? { sale: sale(now, over), reservations: [], serverTime: Date.now() } : undefined) });
      view = await mount(fx, 'tent-drop');
      await until(() => expect(view!.status()).toBe('sold_out'));
      expect(view.canClaim()).toBe(false);
      view.unmount();
      over = { endsAt: now - 1000 };
      view = await mount(fx, 'tent-drop');
      await until(() => expect(view!.status()).toBe('ended'));
      expect(view.canClaim()).toBe(false);
    });
  });
}

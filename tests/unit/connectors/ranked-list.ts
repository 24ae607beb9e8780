// Behaviour of a personalized ranked list, whatever renders it.
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, until, type Fixture } from './fixtures';

export interface RankedListView {
  /** Product ids in the order the shopper sees them. */
  order(): string[];
  unmount(): void;
}

/** Mounts a list of the fixture products `ids`, in that (merchant) order. */
export type MountRankedList = (ids: string[], fx: Fixture) => RankedListView | Promise<RankedListView>;

export function rankedListBehaviour(name: string, mount: MountRankedList): void {
  describe(`${name}: ranked list`, () => {
    let fx: Fixture | undefined;
    let view: RankedListView | undefined;
    afterEach(() => {
      view?.unmount();
      fx?.stop();
      view = fx = undefined;
    });

    it("keeps the merchant's order for a shopper it knows nothing about", async () => {
      fx = startRuntime({ model: null });
      view = await mount(['tent', 'stove', 'shoe', 'sock'], fx);
      await fx.runtime.ready;
      await until(() => expect(view!.order()).toEqual(['tent', 'stove', 'shoe', 'sock']));
    });

    it('moves what the shopper is into to the top, live after their views', async () => {
      fx = startRuntime({ model: null });
      view = await mount(['tent', 'stove', 'pegs', 'shoe', 'sock'], fx);
      await fx.runtime.ready;
      await until(() => expect(view!.order()[0]).toBe('tent'));
      for (let i = 0; i < 4; i++) fx.affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes', item_brand: 'Fast' }] });
      await until(() => expect(view!.order().indexOf('shoe')).toBeLessThan(2));
      expect(view.order().slice().sort()).toEqual(['pegs', 'shoe', 'sock', 'stove', 'tent']);
    });

    it.each([
      ['control', ['tent', 'stove', 'pegs', 'shoe', 'sock']],
      ['personalized', undefined],
    ] as const)('in a holdout, %s keeps the merchant order only for control', async (arm, expected) => {
      fx = startRuntime({ model: null, arm });
      view = await mount(['tent', 'stove', 'pegs', 'shoe', 'sock'], fx);
      await fx.runtime.ready;
      for (let i = 0; i < 4; i++) fx.affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes', item_brand: 'Fast' }] });
      if (expected) {
        // Give a re-rank every chance to happen: the arm is known and the profile has the views.
        await until(() => expect(fx!.runtime.$experiments.get()).toBeDefined());
        await fx.runtime.profile.ready;
        await until(() => expect(Object.keys(fx!.runtime.profile.$profile.get().affinities.category)).not.toHaveLength(0));
        await new Promise((r) => setTimeout(r, 50));
        expect(view.order()).toEqual(expected);
      } else await until(() => expect(view!.order().indexOf('shoe')).toBeLessThan(2));
    });
  });
}

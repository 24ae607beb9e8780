// Behaviour of a recommendations widget, whatever renders it (Lit element, Preact hook).
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, until, type Fixture } from './fixtures';

/** What a renderer under test exposes to the suite. */
export interface RecommendationsView {
  /** Product ids shown, in order ([] while loading). */
  ids(): string[];
  /** Visible titles, as the shopper reads them. */
  titles(): string[];
  loading(): boolean;
  /** Clicks the card at `index` the way a shopper would. */
  click(index: number): void;
  unmount(): void;
}

export interface RecommendationsProps {
  strategy: string;
  limit: number;
  productId?: string;
  listId?: string;
}

export type MountRecommendations = (props: RecommendationsProps) => RecommendationsView | Promise<RecommendationsView>;

/**
 * The shared suite: each renderer passes a `mount` that renders its widget against the page's
 * runtime (already set by the suite).
 */
export function recommendationsBehaviour(name: string, mount: MountRecommendations): void {
  describe(`${name}: recommendations`, () => {
    let fx: Fixture | undefined;
    let view: RecommendationsView | undefined;
    afterEach(() => {
      view?.unmount();
      fx?.stop();
      view = fx = undefined;
    });

    it('shows the strategy’s items once the model arrives, at most `limit`', async () => {
      fx = startRuntime();
      view = await mount({ strategy: 'popular', limit: 3 });
      await until(() => expect(view!.ids()).toEqual(['stove', 'tent', 'shoe']));
      expect(view.loading()).toBe(false);
      expect(view.titles()).toEqual(['Camp stove', 'Trail tent', 'Running shoe']);
    });

    it('is loading until the model arrives', async () => {
      fx = startRuntime();
      view = await mount({ strategy: 'popular', limit: 3 });
      expect(view.loading()).toBe(true);
      expect(view.ids()).toEqual([]);
    });

    it('updates live after a view_item on this page', async () => {
      fx = startRuntime();
      view = await mount({ strategy: 'also-viewed', limit: 2 });
      await until(() => expect(view!.loading()).toBe(false));
      fx.affinity.track('view_item', { items: [{ item_id: 'shoe' }] });
      await until(() => expect(view!.ids()[0]).toBe('sock'));
      fx.affinity.track('view_item', { items: [{ item_id: 'tent' }] });
      await until(() => expect(view!.ids()[0]).toBe('stove'));
    });

    it('never recommends the product of this page', async () => {
      fx = startRuntime();
      view = await mount({ strategy: 'popular', limit: 5, productId: 'stove' });
      await until(() => expect(view!.ids().length).toBeGreaterThan(0));
      expect(view.ids()).not.toContain('stove');
    });

    it('tracks a click as select_item with list id, position and strategy', async () => {
      fx = startRuntime();
      const sent: Array<{ type: string; data: Record<string, unknown> }> = [];
      fx.affinity.subscribe((e) => sent.push({ type: e.type, data: e.data }));
      view = await mount({ strategy: 'popular', limit: 3, listId: 'home-popular' });
      await until(() => expect(view!.ids()).toHaveLength(3));
      view.click(1);
      await Promise.resolve(); // listeners hear of events at the end of the task
      const select = sent.find((e) => e.type === 'select_item');
      expect(select?.data).toMatchObject({ item_list_id: 'home-popular', strategy: 'popular', items: [{ item_id: 'tent', index: 1 }] });
    });

    it('renders hostile product titles as text', async () => {
      fx = startRuntime();
      view = await mount({ strategy: 'popular', limit: 6 });
      await until(() => expect(view!.ids()).toContain('xss'));
      expect(view.titles()).toContain('<img src=x onerror="window.__xss=1">');
      expect((window as { __xss?: number }).__xss).toBeUndefined();
    });

    describe('in a holdout experiment', () => {
      const viewShoes = (f: Fixture) => {
        for (let i = 0; i < 3; i++) f.affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes', item_brand: 'Fast' }] });
      };

      it('control fills a personal slot with the popular fallback, whatever the shopper viewed', async () => {
        fx = startRuntime({ arm: 'control' });
        viewShoes(fx);
        view = await mount({ strategy: 'also-viewed', limit: 3, productId: 'shoe' });
        // Popular order minus the anchor — not the shoe's also-viewed neighbours (sock, xss).
        await until(() => expect(view!.ids()).toEqual(['stove', 'tent', 'sock']));
      });

      it('treatment keeps the slot’s own strategy', async () => {
        fx = startRuntime({ arm: 'personalized' });
        viewShoes(fx);
        view = await mount({ strategy: 'also-viewed', limit: 2, productId: 'shoe' });
        await until(() => expect(view!.ids()).toEqual(['sock', 'xss']));
      });

      it('stamps clicks with the arm and the strategy that really ran, and logs one exposure', async () => {
        fx = startRuntime({ arm: 'control' });
        const sent: Array<{ type: string; data: Record<string, unknown> }> = [];
        fx.affinity.subscribe((e) => sent.push({ type: e.type, data: e.data }));
        fx.affinity.track('page_view');
        view = await mount({ strategy: 'for-you', limit: 3, listId: 'home-for-you' });
        await until(() => expect(view!.ids()).toHaveLength(3));
        view.click(0);
        await until(() => expect(sent.filter((e) => e.type === 'experiment_exposure')).toHaveLength(1));
        expect(sent.find((e) => e.type === 'experiment_exposure')!.data).toEqual({ experiment_id: 'holdout', variant: 'control' });
        expect(sent.find((e) => e.type === 'select_item')!.data).toMatchObject({ item_list_id: 'home-for-you', experiment_id: 'holdout', variant: 'control', strategy: 'popular' });
      });
    });
  });
}

// Behaviour of a privacy center (what the profile holds, consent, reset, erase), whatever renders it.
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, until, type Fixture } from './fixtures';

export interface PrivacyView {
  /** The visible text of what the profile holds. */
  text(): string;
  /** Whether personalization is shown as on. */
  on(): boolean;
  toggle(): void | Promise<void>;
  reset(): void | Promise<void>;
  erase(): void | Promise<void>;
  unmount(): void;
}

export function privacyBehaviour(name: string, mount: (fx: Fixture) => PrivacyView | Promise<PrivacyView>): void {
  describe(`${name}: privacy center`, () => {
    let fx: Fixture | undefined;
    let view: PrivacyView | undefined;
    afterEach(() => {
      view?.unmount();
      fx?.stop();
      view = fx = undefined;
    });

    const browse = (f: Fixture) => {
      for (let i = 0; i < 2; i++) f.affinity.track('view_item', { items: [{ item_id: 'shoe', item_name: 'Running shoe', item_category: 'Shoes', item_brand: 'Fast' }] });
    };

    it('says what the profile holds in plain words, with the events behind it', async () => {
      fx = startRuntime();
      view = await mount(fx);
      await fx.runtime.ready;
      browse(fx);
      await until(() => expect(view!.text()).toContain('Shoes'));
      expect(view.text()).toContain('Fast');
      expect(view.text()).toContain('viewed 2 items');
      expect(view.text()).toContain('Running shoe');
    });

    it('switches consent off and on, and the SDK follows', async () => {
      fx = startRuntime();
      view = await mount(fx);
      await until(() => expect(view!.on()).toBe(true));
      await view.toggle();
      await until(() => expect(view!.on()).toBe(false));
      expect(fx.affinity.$consent.get()).toBe('denied');
      await view.toggle();
      await until(() => expect(fx!.affinity.$consent.get()).toBe('granted'));
    });

    it('resets the profile and erases everything', async () => {
      fx = startRuntime();
      view = await mount(fx);
      await fx.runtime.ready;
      browse(fx);
      await until(() => expect(view!.text()).toContain('Shoes'));
      await view.reset();
      await until(() => expect(view!.text()).not.toContain('Shoes'));
      browse(fx);
      await until(() => expect(view!.text()).toContain('Shoes'));
      await view.erase();
      await until(() => expect(view!.text()).not.toContain('Shoes'));
      expect(await fx.affinity.events()).toEqual([]);
    });
  });
}

import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { RecommendationsState } from '../recommend/types';

type Slot = ReadableAtom<RecommendationsState>;

const NONE: ReadonlySet<string> = new Set();

/**
 * The recommendation widgets showing on one page, in the order they started showing (document
 * order, as elements connect top to bottom). A widget leaves out what the widgets before it
 * show, so a "Trending now" row under a "Picked for you" row that fell back to trending shows
 * the next trending items instead of the same four again.
 *
 * @example
 * const page = createPageSlots();
 * let $recs: ReadableAtom<RecommendationsState> | undefined;
 * const $above = page.shownBefore(() => $recs); // ids the widgets above show
 * return page.register(($recs = makeWidgetStore($above))); // what the widget subscribes to
 */
export function createPageSlots() {
  const $slots = atom<readonly Slot[]>([]);
  return {
    /**
     * The store a widget shows, mirroring `$slot`; `$slot` is on the page's list while this
     * mirror has listeners. (The widgets below listen to `$slot` itself, which must not keep a
     * widget that left the page on the list.)
     */
    register($slot: Slot): Slot {
      const $shown = atom($slot.get());
      onMount($shown, () => {
        $slots.set([...$slots.get(), $slot]);
        const stop = $slot.subscribe((v) => $shown.set(v));
        return () => {
          stop();
          $slots.set($slots.get().filter((s) => s !== $slot));
        };
      });
      return $shown;
    },
    /** The product ids shown by the slots registered before `self()` (all of them until it registers). */
    shownBefore(self: () => Slot | undefined): ReadableAtom<ReadonlySet<string>> {
      const $ids = atom<ReadonlySet<string>>(NONE);
      onMount($ids, () => {
        let stops: (() => void)[] = [];
        let before: readonly Slot[] = [];
        const update = () => {
          const ids = new Set<string>();
          for (const s of before) for (const r of s.get().items) ids.add(r.product.id);
          const old = $ids.get();
          // Set only on a real change: each set re-runs this widget's strategy.
          if (ids.size !== old.size || [...ids].some((id) => !old.has(id))) $ids.set(ids);
        };
        const stopSlots = $slots.subscribe((slots) => {
          const at = slots.indexOf(self()!);
          before = at < 0 ? slots : slots.slice(0, at);
          stops.forEach((stop) => stop());
          stops = before.map((s) => s.listen(update));
          update();
        });
        return () => {
          stopSlots();
          stops.forEach((stop) => stop());
          stops = [];
        };
      });
      return $ids;
    },
  };
}

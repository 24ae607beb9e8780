import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/**
 * Calls `onSeen(index)` once for each child of `ref`'s element with a `data-af-index` that
 * becomes half visible (IntersectionObserver: no scroll listeners). Re-armed when `deps` change.
 *
 * @example useSeen(list, (i) => events.seen(items[i]), [items]);
 */
export function useSeen(ref: RefObject<HTMLElement>, onSeen: (index: number) => void, deps: unknown[]): void {
  useEffect(() => {
    const root = ref.current;
    if (!root || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          io.unobserve(e.target);
          onSeen(Number((e.target as HTMLElement).dataset.afIndex));
        }
      },
      { threshold: 0.5 },
    );
    for (const el of root.querySelectorAll('[data-af-index]')) io.observe(el);
    return () => io.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

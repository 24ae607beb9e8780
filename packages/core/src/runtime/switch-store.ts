import { atom, onMount, type ReadableAtom } from 'nanostores';

/**
 * A store that follows whichever store `pick` chooses for the current value of `$key`, and
 * listens only to that one: a control shopper's recommendations never compute (or fetch for)
 * the personal strategy. `pick` must return the same store for the same choice.
 *
 * @example
 * const $recs = switchStore($arm, (a) => (a.control ? $popular : $forYou), LOADING);
 */
export function switchStore<K, T>($key: ReadableAtom<K>, pick: (key: K) => ReadableAtom<T>, initial: T): ReadableAtom<T> {
  const $out = atom<T>(initial);
  onMount($out, () => {
    let current: ReadableAtom<T> | undefined;
    let stopInner: (() => void) | undefined;
    const stopKey = $key.subscribe((key) => {
      const next = pick(key);
      if (next === current) return;
      stopInner?.();
      current = next;
      stopInner = next.subscribe((v) => $out.set(v));
    });
    return () => {
      stopKey();
      stopInner?.();
    };
  });
  return $out;
}

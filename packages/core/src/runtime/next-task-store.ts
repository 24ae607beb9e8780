import { atom, onMount, type ReadableAtom } from 'nanostores';
import { yieldToPage } from '../scheduling/yield-to-page';

/**
 * A copy of `source` that, once `from` has settled, takes its changes a task later, several at
 * once: what listens to it (a list re-ranking on every profile change) then never runs inside
 * the task that made the change (a page's click handler, a web-vitals report), which stays
 * short. Changes before that (the stored profile loading) pass through at once.
 *
 * @example const $rankProfile = nextTaskStore(profile.$profile, profile.ready);
 */
export function nextTaskStore<T>(source: ReadableAtom<T>, from: Promise<unknown>): ReadableAtom<T> {
  const $copy = atom(source.get());
  const take = () => $copy.set(source.get());
  let later = false;
  void from.then(() => (later = true));
  // Several changes in one task each take the latest value; all but the first set it unchanged (a no-op).
  onMount($copy, () => (take(), source.listen(() => (later ? void yieldToPage().then(take) : take()))));
  return $copy;
}

import { atom, type ReadableAtom } from 'nanostores';
import type { Runtime } from './runtime';

const $current = atom<Runtime | undefined>(undefined);

/**
 * The page's runtime, as a store: elements placed in the page before the script ran subscribe
 * to it and connect as soon as it is set. Module state rather than a `window` global, so nothing
 * leaks into the merchant's page.
 *
 * @example
 * $runtime.subscribe((rt) => rt && connect(rt));
 */
export const $runtime: ReadableAtom<Runtime | undefined> = $current;

/**
 * Makes `rt` the page's runtime (the embed script does this once after `createRuntime`).
 * Passing `undefined` disconnects every element (tests, SPA teardown).
 *
 * @example
 * setRuntime(createRuntime({ affinity }));
 */
export function setRuntime(rt: Runtime | undefined): void {
  $current.set(rt);
}

/**
 * The page's runtime, or `undefined` before it started.
 *
 * @example
 * getRuntime()?.affinity.track('search', { search_term: 'boots' });
 */
export function getRuntime(): Runtime | undefined {
  return $current.get();
}

/**
 * Resolves with the runtime once it is set (at once when it already is).
 *
 * @example
 * const rt = await whenRuntime();
 */
export function whenRuntime(): Promise<Runtime> {
  return new Promise((resolve) => {
    const stop = $current.subscribe((rt) => {
      if (!rt) return;
      queueMicrotask(() => stop());
      resolve(rt);
    });
  });
}

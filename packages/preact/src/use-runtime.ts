import { useStore } from '@nanostores/preact';
import { $runtime, type Runtime } from '@affinity/core';
import { atom, type ReadableAtom } from 'nanostores';
import { useMemo } from 'preact/hooks';

/**
 * The page's Affinity runtime (`undefined` until the drop-in script or your code called `setRuntime`).
 *
 * @example
 * const rt = useRuntime();
 * rt?.affinity.track('search', { search_term: q });
 */
export function useRuntime(): Runtime | undefined {
  return useStore($runtime);
}

/**
 * Subscribes to the store `make(runtime)` builds (rebuilt when the runtime or a `deps` value
 * changes); `fallback` while there is no runtime. The one helper every hook is written with.
 *
 * @example
 * const ids = useRuntimeStore((rt) => rt.rankedList({ products }), [products], []);
 */
export function useRuntimeStore<T>(make: (rt: Runtime) => ReadableAtom<T>, deps: unknown[], fallback: T): T {
  const rt = useRuntime();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const store = useMemo(() => (rt ? make(rt) : atom(fallback)), [rt, ...deps]);
  return useStore(store);
}

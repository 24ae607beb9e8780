import type { Affinity } from '@affinity/core';
import type { startElements } from './elements';
import { addScript, type ChunkSource } from './script';
import { WIDGETS_FILE } from './widgets-chunk';

/**
 * Whether an element is one of ours: every `<af-…>` tag is defined by the widgets chunk. A prefix
 * rather than a list, so `affinity.js` carries none of the elements and new ones need no change here.
 */
export const isWidget = (el: Element): boolean => el.localName.startsWith('af-');

/** Whether `root` is or holds an `<af-…>` element (one native walk; fine once per insertion). */
function holdsWidget(root: Element | Document): boolean {
  if (root instanceof Element && isWidget(root)) return true;
  const all = root.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) if (isWidget(all[i]!)) return true;
  return false;
}

/** What the widgets chunk leaves on `window` when it runs (its IIFE's global name). */
declare global {
  interface Window {
    AffinityWidgets?: { startElements: typeof startElements };
  }
}

export interface WidgetsLoaderOptions extends ChunkSource {
  endpoint?: string;
  /** Products the page describes (its JSON-LD), for the widgets' catalog. */
  pageProducts?: () => readonly unknown[];
  dev?: boolean;
  /** Load at once rather than on the first `<af-…>` element (see {@link wantsWidgetsEarly}). */
  eager?: boolean;
}

/**
 * Whether to fetch the widgets at once: the tag asks (`data-widgets="eager"`), or the page runs
 * `affinity-early.js`, which holds its ranked lists for a few milliseconds waiting for an order;
 * waiting for the first `<af-…>` element (a single-page app renders it late) would let that
 * hold run out and keep the merchant's order for the whole page view.
 *
 * @example wantsWidgetsEarly(document.currentScript, document) // true on a page with affinity-early.js
 */
export function wantsWidgetsEarly(tag: HTMLScriptElement | null, doc: Document): boolean {
  return tag?.dataset.widgets === 'eager' || !!doc.querySelector('script[src*="affinity-early"]');
}

/**
 * Loads the widgets chunk once the page holds an `<af-…>` element, now or later (single-page apps
 * render them after load), then starts them. Pages without widgets never download it. The chunk is
 * a same-origin-as-`affinity.js` script tag with `src` (see `addScript`).
 *
 * @example loadWidgetsWhenNeeded(affinity, { src: 'https://cdn.example/affinity-widgets.js' });
 * @returns a function that stops watching the page (tests, teardown).
 */
export function loadWidgetsWhenNeeded(affinity: Affinity | Promise<Affinity>, o: WidgetsLoaderOptions, doc: Document = document): () => void {
  let observer: MutationObserver | undefined;
  const load = () => {
    observer?.disconnect();
    observer = undefined;
    // The chunk fetches its own extras chunk from beside itself, fetched the same way.
    const chunk = { src: o.src, sri: o.sri, crossOrigin: o.crossOrigin };
    const start = (sdk: Affinity) => window.AffinityWidgets?.startElements(sdk, { endpoint: o.endpoint, pageProducts: o.pageProducts, chunk, dev: o.dev }, doc);
    // Already there (a second affinity.js, or the chunk inlined by the merchant's own build).
    if (window.AffinityWidgets) return void (affinity instanceof Promise ? affinity.then(start) : start(affinity));
    addScript(
      doc,
      o,
      // The chunk's load event fires in the task that ran it: starting the runtime and the
      // elements is a later task's work (after the SDK's own, when that is still to come).
      () => void Promise.resolve(affinity).then((sdk) => setTimeout(() => start(sdk), 0)),
      () => o.dev && console.warn(`Affinity: could not load ${o.src}; widgets stay empty, capture keeps working.`),
    );
  };
  if (o.eager || holdsWidget(doc)) {
    load();
    return () => {};
  }
  // Watches until the first widget appears (the parser still running, or a single-page app).
  observer = new MutationObserver((records) => {
    if (records.some((r) => Array.prototype.some.call(r.addedNodes, (n: Node) => n instanceof Element && holdsWidget(n)))) load();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => observer?.disconnect();
}

/**
 * Where the widgets chunk (`WIDGETS_FILE`) lives and whether SRI can apply, from the
 * `affinity.js` tag: next to the script; `integrity` only when the merchant's tag uses SRI itself
 * (so the server sends CORS headers) or the chunk is on the page's origin (otherwise an opaque
 * response would fail the check).
 *
 * @example widgetsSource(document.currentScript, location) // { src: 'https://cdn.example/affinity-widgets.js', sri: false, … }
 */
export function widgetsSource(tag: HTMLScriptElement | null, location: Location): Pick<WidgetsLoaderOptions, 'src' | 'sri' | 'crossOrigin'> {
  const base = tag?.src || location.href;
  let url: URL;
  try {
    url = new URL(WIDGETS_FILE, base);
  } catch {
    url = new URL(WIDGETS_FILE, location.href);
  }
  const sri = !!tag?.integrity || url.origin === location.origin;
  return { src: url.href, sri, crossOrigin: tag?.getAttribute('crossorigin') ?? null };
}

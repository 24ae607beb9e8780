import { createRuntime, setRuntime, yieldToPage, type Affinity, type Runtime } from '@affinity/core';
import { AfCoupon, AfFlashSale, AfRankedList, AfRecentlyViewed, AfRecommendations, AfWhy } from '@affinity/elements';
import { EXTRA_TAGS, EXTRAS_FILE, EXTRAS_INTEGRITY } from './extras-chunk';
import { pageSegments } from './page-segments';
import { addScript, type ChunkSource } from './script';

/** The elements this chunk defines; the rarely placed ones (`EXTRA_TAGS`) come with the extras chunk. */
export const COMMON_ELEMENTS: Record<string, CustomElementConstructor> = {
  'af-recommendations': AfRecommendations,
  'af-recently-viewed': AfRecentlyViewed,
  'af-ranked-list': AfRankedList,
  'af-why': AfWhy,
  'af-coupon': AfCoupon,
  'af-flash-sale': AfFlashSale,
};

/** What the extras chunk leaves on `window` when it runs (its IIFE's global name). */
declare global {
  interface Window {
    AffinityWidgetsExtras?: { EXTRA_ELEMENTS: Record<string, CustomElementConstructor> };
  }
}

/** Options of {@link startElements}. */
export interface StartElementsOptions {
  endpoint?: string;
  /** Products the page describes (its JSON-LD), for the widgets' catalog. */
  pageProducts?: () => readonly unknown[];
  /** Where this chunk was fetched from and how: the extras chunk is fetched from beside it, alike. */
  chunk?: ChunkSource;
  dev?: boolean;
}

/**
 * Starts the page's runtime and registers the `<af-…>` elements, so elements the merchant placed
 * anywhere in the page connect (also those parsed before this script ran). Product details the
 * capture events do not carry (URL, image, rating, stock) come from `pageProducts` (the page's
 * JSON-LD, parsed by `affinity.js`, which has the parser anyway) once the document is parsed.
 * The runtime is then also `window.affinity.runtime`, for page code. Merchant segments come
 * from the page's `<script type="application/json" id="affinity-segments">` (see {@link pageSegments}).
 *
 * @example startElements(affinity, { endpoint: 'https://affinity.shop.example', pageProducts: () => [] });
 */
export function startElements(affinity: Affinity, o: StartElementsOptions, doc: Document = document): Runtime | undefined {
  try {
    const segments = pageSegments(doc);
    const runtime = createRuntime({ affinity, endpoint: o.endpoint, ...(segments && { profile: { segments } }) });
    // Page code and theme hooks reuse it (`window.affinity.runtime`) rather than start a second one.
    const api = typeof window === 'object' ? (window as { affinity?: unknown }).affinity : undefined;
    if (api && typeof api === 'object' && !Array.isArray(api)) (api as { runtime?: Runtime }).runtime = runtime;
    // What binds to it (the snapshot writer, the elements, the page's products) runs in the tasks
    // after this one: with the runtime's own start, it made one long task.
    void yieldToPage()
      .then(() => bind(runtime, o, doc))
      .catch(failed);
    return runtime;
  } catch (err) {
    failed(err);
    return undefined;
  }
}

// Widgets are an extra: capture keeps working whatever happens here.
const failed = (err: unknown) => console.warn('[affinity] widgets could not start:', err);

function bind(runtime: Runtime, o: StartElementsOptions, doc: Document) {
  setRuntime(runtime);
  if (typeof customElements !== 'undefined') {
    void defineInTurns(COMMON_ELEMENTS);
    if (o.chunk) loadExtrasWhenNeeded(o.chunk, doc, o.dev);
  }
  const { pageProducts } = o;
  if (pageProducts) {
    const enrich = () => {
      const products = pageProducts();
      if (products.length) runtime.catalog.mergePage(products);
    };
    // Parsing them is a task of its own too.
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', enrich, { once: true });
    else void yieldToPage().then(enrich);
    // Single-page stores write their JSON-LD after the document is parsed, and rewrite it on
    // client-side navigation: the products of the page the shopper is on now count too.
    let queued = false;
    const isJsonLd = (n: Node | null) => n instanceof Element && n.localName === 'script' && n.getAttribute('type') === 'application/ld+json';
    new MutationObserver((records) => {
      const touched = records.some((r) => isJsonLd(r.target) || isJsonLd(r.target.parentNode) || Array.prototype.some.call(r.addedNodes, isJsonLd));
      if (!touched || queued) return;
      queued = true;
      queueMicrotask(() => ((queued = false), enrich()));
    }).observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  }
}

/**
 * Registers `<af-…>` elements one per task: defining a Lit class prepares its properties and
 * styles, and all of them at once (with the runtime's start) would be one long task on a page
 * still loading. Safe next to another copy of the script.
 */
async function defineInTurns(elements: Record<string, CustomElementConstructor>): Promise<void> {
  for (const [tag, ctor] of Object.entries(elements)) {
    await yieldToPage();
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}

const EXTRAS_SELECTOR = EXTRA_TAGS.join(',');

/**
 * Fetches the extras chunk (next to this one, with its SRI hash) once one of `EXTRA_TAGS` is on
 * the page, now or later (single-page apps), and registers its elements. Pages without one never
 * download it.
 *
 * @returns a function that stops watching the page (tests, teardown).
 */
export function loadExtrasWhenNeeded(chunk: ChunkSource, doc: Document = document, dev = false): () => void {
  let observer: MutationObserver | undefined;
  const load = () => {
    observer?.disconnect();
    observer = undefined;
    const define = () => window.AffinityWidgetsExtras && void defineInTurns(window.AffinityWidgetsExtras.EXTRA_ELEMENTS);
    if (window.AffinityWidgetsExtras) return void define();
    let src: string;
    try {
      src = new URL(EXTRAS_FILE, chunk.src).href;
    } catch {
      return;
    }
    addScript(doc, { ...chunk, src, integrity: EXTRAS_INTEGRITY }, define, () => dev && console.warn(`Affinity: could not load ${src}; its elements stay empty.`));
  };
  const holds = (n: Node) => n instanceof Element && (EXTRA_TAGS.includes(n.localName as never) || !!n.querySelector(EXTRAS_SELECTOR));
  if (doc.querySelector(EXTRAS_SELECTOR)) {
    load();
    return () => {};
  }
  observer = new MutationObserver((records) => {
    if (records.some((r) => Array.prototype.some.call(r.addedNodes, holds))) load();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => observer?.disconnect();
}

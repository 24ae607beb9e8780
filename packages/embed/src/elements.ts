import { createRuntime, setRuntime, yieldToPage, type Affinity, type Runtime } from '@affinity/core';
import { ELEMENTS } from '@affinity/elements';

/**
 * Starts the page's runtime and registers the `<af-…>` elements, so elements the merchant placed
 * anywhere in the page connect (also those parsed before this script ran). Product details the
 * capture events do not carry (URL, image, rating, stock) come from `pageProducts` (the page's
 * JSON-LD, parsed by `affinity.js`, which has the parser anyway) once the document is parsed.
 * The runtime is then also `window.affinity.runtime`, for page code.
 *
 * @example startElements(affinity, { endpoint: 'https://affinity.shop.example', pageProducts: () => [] });
 */
export function startElements(
  affinity: Affinity,
  o: { endpoint?: string; pageProducts?: () => readonly unknown[] },
  doc: Document = document,
): Runtime | undefined {
  try {
    const runtime = createRuntime({ affinity, endpoint: o.endpoint });
    setRuntime(runtime);
    // Page code and theme hooks reuse it (`window.affinity.runtime`) rather than start a second one.
    const api = typeof window === 'object' ? (window as { affinity?: unknown }).affinity : undefined;
    if (api && typeof api === 'object' && !Array.isArray(api)) (api as { runtime?: Runtime }).runtime = runtime;
    if (typeof customElements !== 'undefined') void defineInTurns();
    const { pageProducts } = o;
    if (pageProducts) {
      const enrich = () => {
        const products = pageProducts();
        if (products.length) runtime.catalog.mergePage(products);
      };
      if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', enrich, { once: true });
      else enrich();
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
    return runtime;
  } catch (err) {
    // Widgets are an extra: capture keeps working whatever happens here.
    console.warn('[affinity] widgets could not start:', err);
    return undefined;
  }
}

/**
 * Registers the `<af-…>` elements one per task: defining a Lit class prepares its properties and
 * styles, and all of them at once (with the runtime's start) would be one long task on a page
 * still loading. Safe next to another copy of the script.
 */
async function defineInTurns(): Promise<void> {
  for (const [tag, ctor] of Object.entries(ELEMENTS)) {
    await yieldToPage();
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}

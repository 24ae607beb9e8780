import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAffinity, getRuntime, parseJsonLd, setRuntime } from '@affinity/core';
import { ELEMENTS } from '@affinity/elements';
import { COMMON_ELEMENTS, loadExtrasWhenNeeded, startElements } from './elements';
import { EXTRA_TAGS, EXTRAS_FILE } from './extras-chunk';
import { EXTRA_ELEMENTS } from './widgets-extras';

// happy-dom does not run script files: report them as loaded instead of logging errors.
const happy = (window as unknown as { happyDOM?: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM;
if (happy) happy.settings.handleDisabledFileLoadingAsSuccess = true;
const extrasScripts = () => Array.from(document.querySelectorAll<HTMLScriptElement>('script')).filter((s) => s.src.endsWith(EXTRAS_FILE));
const chunk = { src: 'https://cdn.example/static/affinity-widgets.abc.js', sri: true, crossOrigin: 'anonymous' };

describe('startElements', () => {
  afterEach(() => {
    setRuntime(undefined);
    delete (window as { affinity?: unknown }).affinity;
  });

  it('exposes its runtime on window.affinity, so page code reuses it instead of starting another', async () => {
    const affinity = createAffinity({ site: 'expose', storage: 'memory', consent: 'granted', respectGpc: false });
    const api = { push: () => 0, sdk: affinity } as { push(): number; sdk: unknown; runtime?: unknown };
    (window as { affinity?: unknown }).affinity = api;
    const runtime = startElements(affinity, {});
    expect(runtime).toBeDefined();
    expect(api.runtime).toBe(runtime);
    // The page binds to it (elements, snapshot writer) in the next task, not in the runtime's start.
    expect(getRuntime()).toBeUndefined();
    await vi.waitFor(() => expect(getRuntime()).toBe(runtime));
    runtime!.destroy();
    affinity.destroy();
  });

  it('registers every common <af-…> element, so those already in the page upgrade and later ones work too', async () => {
    const affinity = createAffinity({ site: 'define', storage: 'memory', consent: 'granted', respectGpc: false });
    const list = document.createElement('af-ranked-list');
    document.body.append(list);
    const runtime = startElements(affinity, {});
    await vi.waitFor(() => expect(Object.keys(COMMON_ELEMENTS).filter((tag) => !customElements.get(tag))).toEqual([]));
    expect(list).toBeInstanceOf(ELEMENTS['af-ranked-list']);
    list.remove();
    runtime!.destroy();
    affinity.destroy();
  });

  it('splits the elements between the two chunks: each defined by exactly one', () => {
    expect([...Object.keys(COMMON_ELEMENTS), ...EXTRA_TAGS].sort()).toEqual(Object.keys(ELEMENTS).sort());
    expect(Object.keys(EXTRA_ELEMENTS).sort()).toEqual([...EXTRA_TAGS].sort());
    for (const tag of EXTRA_TAGS) expect(EXTRA_ELEMENTS[tag]).toBe(ELEMENTS[tag]);
  });

  it('leaves a still-queued window.affinity (an array) alone', () => {
    const affinity = createAffinity({ site: 'queued', storage: 'memory', consent: 'granted', respectGpc: false });
    const queue: unknown[] = [];
    (window as { affinity?: unknown }).affinity = queue;
    const runtime = startElements(affinity, {});
    expect((queue as { runtime?: unknown }).runtime).toBeUndefined();
    runtime!.destroy();
    affinity.destroy();
  });

  it('learns the products of JSON-LD a single-page store writes after load, and rewrites on navigation', async () => {
    const affinity = createAffinity({ site: 'spa', storage: 'memory', consent: 'granted', respectGpc: false });
    const pageProducts = () => {
      const texts = Array.from(document.querySelectorAll('script[type="application/ld+json"]'), (el) => el.textContent ?? '');
      const parsed = parseJsonLd(texts);
      return [...parsed.products, ...parsed.lists.flatMap((l) => l.items)];
    };
    const runtime = startElements(affinity, { pageProducts })!;
    const product = (sku: string, price: number) => ({ '@context': 'https://schema.org', '@type': 'Product', sku, name: `Item ${sku}`, offers: { '@type': 'Offer', price, priceCurrency: 'GBP' } });
    // The app renders its first page after the document was parsed.
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.textContent = JSON.stringify(product('lamp', 12.5));
    document.head.append(script);
    await vi.waitFor(() => expect(runtime.catalog.get('lamp')?.price).toBe(12.5));
    // Client-side navigation replaces the text of the same script.
    script.textContent = JSON.stringify(product('rug', 40));
    await vi.waitFor(() => expect(runtime.catalog.get('rug')?.price).toBe(40));
    script.remove();
    runtime.destroy();
    affinity.destroy();
  });
});

describe('loadExtrasWhenNeeded', () => {
  afterEach(() => {
    document.head.querySelectorAll('script').forEach((s) => s.remove());
    document.body.innerHTML = '';
    delete window.AffinityWidgetsExtras;
  });

  it('never fetches the extras chunk on a page without a lottery, share box or privacy centre', async () => {
    document.body.innerHTML = '<af-recommendations></af-recommendations><af-ranked-list></af-ranked-list>';
    const stop = loadExtrasWhenNeeded(chunk, document);
    document.body.append(document.createElement('af-why'));
    await Promise.resolve();
    expect(extrasScripts()).toEqual([]);
    stop();
  });

  it('fetches it from beside the widgets chunk, fetched alike, when such an element is on the page, and registers its elements', async () => {
    document.body.innerHTML = '<main><af-privacy-center></af-privacy-center></main>';
    loadExtrasWhenNeeded(chunk, document);
    const [script] = extrasScripts();
    expect(script?.src).toBe(`https://cdn.example/static/${EXTRAS_FILE}`);
    expect(script?.crossOrigin).toBe('anonymous');
    // What the chunk leaves on window when it runs; the placeholder build has no integrity to check.
    expect(EXTRA_TAGS.filter((tag) => customElements.get(tag))).toEqual([]);
    window.AffinityWidgetsExtras = { EXTRA_ELEMENTS };
    script!.onload!(new Event('load'));
    await vi.waitFor(() => expect(EXTRA_TAGS.filter((tag) => !customElements.get(tag))).toEqual([]));
    for (const tag of EXTRA_TAGS) expect(customElements.get(tag)).toBe(EXTRA_ELEMENTS[tag]);
    expect(document.querySelector('af-privacy-center')).toBeInstanceOf(EXTRA_ELEMENTS['af-privacy-center']);
  });

  it('fetches it once when a single-page app renders such an element after load', async () => {
    loadExtrasWhenNeeded(chunk, document);
    expect(extrasScripts()).toEqual([]);
    const box = document.createElement('div');
    box.innerHTML = '<section><af-share></af-share></section>';
    document.body.append(box);
    await vi.waitFor(() => expect(extrasScripts()).toHaveLength(1));
    document.body.append(document.createElement('af-lottery'));
    await Promise.resolve();
    expect(extrasScripts()).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAffinity, getRuntime, parseJsonLd, setRuntime } from '@affinity/core';
import { ELEMENTS } from '@affinity/elements';
import { startElements } from './elements';

describe('startElements', () => {
  afterEach(() => {
    setRuntime(undefined);
    delete (window as { affinity?: unknown }).affinity;
  });

  it('exposes its runtime on window.affinity, so page code reuses it instead of starting another', () => {
    const affinity = createAffinity({ site: 'expose', storage: 'memory', consent: 'granted', respectGpc: false });
    const api = { push: () => 0, sdk: affinity } as { push(): number; sdk: unknown; runtime?: unknown };
    (window as { affinity?: unknown }).affinity = api;
    const runtime = startElements(affinity, {});
    expect(runtime).toBeDefined();
    expect(api.runtime).toBe(runtime);
    expect(getRuntime()).toBe(runtime);
    runtime!.destroy();
    affinity.destroy();
  });

  it('registers every <af-…> element, so those already in the page upgrade and later ones work too', async () => {
    const affinity = createAffinity({ site: 'define', storage: 'memory', consent: 'granted', respectGpc: false });
    const list = document.createElement('af-ranked-list');
    document.body.append(list);
    const runtime = startElements(affinity, {});
    await vi.waitFor(() => expect(Object.keys(ELEMENTS).filter((tag) => !customElements.get(tag))).toEqual([]));
    expect(list).toBeInstanceOf(ELEMENTS['af-ranked-list']);
    list.remove();
    runtime!.destroy();
    affinity.destroy();
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

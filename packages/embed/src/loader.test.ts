import { afterEach, describe, expect, it, vi } from 'vitest';
import { ELEMENTS } from '@affinity/elements';
import type { Affinity } from '@affinity/core';
import { isWidget, loadWidgetsWhenNeeded, wantsWidgetsEarly, widgetsSource } from './loader';
import { WIDGETS_FILE } from './widgets-chunk';

const affinity = { site: 'shop' } as unknown as Affinity;
const chunkScripts = () => Array.from(document.querySelectorAll<HTMLScriptElement>('script')).filter((s) => s.src.endsWith(WIDGETS_FILE));
const loc = (href: string) => new URL(href) as unknown as Location;

// happy-dom does not run script files: report them as loaded instead of logging errors.
const happy = (window as unknown as { happyDOM?: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM;
if (happy) happy.settings.handleDisabledFileLoadingAsSuccess = true;

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  delete window.AffinityWidgets;
});

describe('loadWidgetsWhenNeeded', () => {
  it('recognises every element the chunk defines, and nothing else', () => {
    for (const tag of Object.keys(ELEMENTS)) expect(isWidget(document.createElement(tag))).toBe(true);
    for (const tag of ['div', 'product-card', 'shop-af-banner']) expect(isWidget(document.createElement(tag))).toBe(false);
  });

  it('never fetches the chunk on a page without <af-…> elements', async () => {
    document.body.innerHTML = '<div class="product"><h1>Boots</h1></div>';
    const stop = loadWidgetsWhenNeeded(affinity, { src: `https://cdn.example/${WIDGETS_FILE}` });
    document.body.append(document.createElement('section'));
    await Promise.resolve();
    expect(chunkScripts()).toEqual([]);
    stop();
  });

  it('fetches the chunk with its integrity when an element is on the page, then starts it with the SDK', async () => {
    document.body.innerHTML = '<af-recommendations strategy="for-you"></af-recommendations>';
    const pageProducts = () => [];
    loadWidgetsWhenNeeded(affinity, { src: `https://shop.example/${WIDGETS_FILE}`, integrity: 'sha384-abc', sri: true, endpoint: 'https://api.example', pageProducts });
    const [script] = chunkScripts();
    expect(script?.src).toBe(`https://shop.example/${WIDGETS_FILE}`);
    expect(script?.integrity).toBe('sha384-abc');
    const startElements = vi.fn();
    window.AffinityWidgets = { startElements };
    script!.onload!(new Event('load'));
    // With where and how the chunk came, so its extras chunk is fetched from beside it, alike.
    const chunk = { src: `https://shop.example/${WIDGETS_FILE}`, sri: true, crossOrigin: undefined };
    await vi.waitFor(() => expect(startElements).toHaveBeenCalledWith(affinity, { endpoint: 'https://api.example', pageProducts, chunk, dev: undefined }, document));
  });

  it('asks for the chunk before the SDK has started, and starts the elements once it has', async () => {
    document.body.innerHTML = '<af-ranked-list></af-ranked-list>';
    let started!: (a: Affinity) => void;
    loadWidgetsWhenNeeded(new Promise<Affinity>((r) => (started = r)), { src: `https://shop.example/${WIDGETS_FILE}` });
    const [script] = chunkScripts();
    expect(script).toBeDefined();
    const startElements = vi.fn();
    window.AffinityWidgets = { startElements };
    // The chunk has run; the SDK has not started yet, so neither do the elements.
    script!.onload!(new Event('load'));
    await new Promise((r) => setTimeout(r, 0));
    expect(startElements).not.toHaveBeenCalled();
    started(affinity);
    await vi.waitFor(() => expect(startElements).toHaveBeenCalled());
    for (const [sdk] of startElements.mock.calls) expect(sdk).toBe(affinity);
  });

  it('leaves integrity off when SRI cannot apply (a cross-origin chunk without CORS)', () => {
    document.body.innerHTML = '<af-why product-id="p1"></af-why>';
    loadWidgetsWhenNeeded(affinity, { src: `https://cdn.example/${WIDGETS_FILE}`, integrity: 'sha384-abc', sri: false });
    expect(chunkScripts()[0]?.hasAttribute('integrity')).toBe(false);
  });

  it('fetches the chunk once when a single-page app renders elements after load', async () => {
    loadWidgetsWhenNeeded(affinity, { src: `https://shop.example/${WIDGETS_FILE}` });
    expect(chunkScripts()).toEqual([]);
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<af-coupon></af-coupon>';
    document.body.append(wrapper);
    await vi.waitFor(() => expect(chunkScripts()).toHaveLength(1));
    document.body.append(document.createElement('af-flash-sale'));
    await Promise.resolve();
    expect(chunkScripts()).toHaveLength(1);
  });

  it('starts at once without a second download when the chunk is already on the page', () => {
    const startElements = vi.fn();
    window.AffinityWidgets = { startElements };
    document.body.innerHTML = '<af-privacy-center></af-privacy-center>';
    loadWidgetsWhenNeeded(affinity, { src: `https://shop.example/${WIDGETS_FILE}` });
    expect(startElements).toHaveBeenCalledOnce();
    expect(chunkScripts()).toEqual([]);
  });
});

describe('wantsWidgetsEarly', () => {
  it('loads at once when the tag asks or the page holds its ranked lists with affinity-early.js', () => {
    const tag = document.createElement('script');
    expect(wantsWidgetsEarly(tag, document)).toBe(false);
    tag.dataset.widgets = 'eager';
    expect(wantsWidgetsEarly(tag, document)).toBe(true);
    const early = document.createElement('script');
    early.setAttribute('src', '/affinity-early.js');
    document.head.append(early);
    expect(wantsWidgetsEarly(null, document)).toBe(true);
  });

  it('an eager loader fetches the chunk on a page with no element yet', () => {
    loadWidgetsWhenNeeded(affinity, { src: `https://shop.example/${WIDGETS_FILE}`, eager: true });
    expect(chunkScripts()).toHaveLength(1);
  });
});

describe('widgetsSource', () => {
  const tag = (attrs: Record<string, string>) => {
    const s = document.createElement('script');
    for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
    return s;
  };

  it('puts the chunk next to affinity.js and applies SRI on the page origin', () => {
    expect(widgetsSource(tag({ src: 'https://shop.example/static/affinity.js' }), loc('https://shop.example/p/1'))).toEqual({
      src: `https://shop.example/static/${WIDGETS_FILE}`,
      sri: true,
      crossOrigin: null,
    });
  });

  it('applies SRI across origins only when the merchant tag uses it, in the same CORS mode', () => {
    const page = loc('https://shop.example/');
    expect(widgetsSource(tag({ src: 'https://cdn.example/affinity.js' }), page).sri).toBe(false);
    const withSri = widgetsSource(tag({ src: 'https://cdn.example/affinity.js', integrity: 'sha384-x', crossorigin: 'anonymous' }), page);
    expect(withSri).toEqual({ src: `https://cdn.example/${WIDGETS_FILE}`, sri: true, crossOrigin: 'anonymous' });
  });
});

import {
  createAffinity,
  parseJsonLd,
  productToItem,
  searchFromUrl,
  watchClicks,
  watchDataLayer,
  type Affinity,
  type CapturedEvent,
} from '@affinity/core';
import { onCLS, onINP, onLCP, type Metric } from 'web-vitals';
import { readConfig, ownTag, type EmbedConfig } from './config';
import { createCommandQueue, type Command } from './queue';
import { loadWidgetsWhenNeeded, wantsWidgetsEarly, widgetsSource } from './loader';
import { WIDGETS_INTEGRITY } from './widgets-chunk';

declare global {
  interface Window {
    affinity?: Command[] | ReturnType<typeof createCommandQueue>;
    dataLayer?: unknown[];
  }
}

/** The page's JSON-LD, parsed. */
function readJsonLd(doc: Document) {
  const texts = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'), (s) => s.textContent ?? '');
  return texts.length ? parseJsonLd(texts) : undefined;
}

/** Every product the page's JSON-LD describes (loose and in lists), for the widgets' catalog. */
const pageProducts = (doc: Document) => () => {
  const parsed = readJsonLd(doc);
  return parsed ? [...parsed.products, ...parsed.lists.flatMap((l) => l.items)] : [];
};

/** Sends what the page's JSON-LD describes as `view_item` / `view_item_list`; returns the page's product. */
function captureJsonLd(doc: Document, affinity: Affinity, config: EmbedConfig) {
  const parsed = readJsonLd(doc);
  if (!parsed) return undefined;
  const { products, lists, errors } = parsed;
  if (config.dev) for (const e of errors) console.warn(`Affinity: ${e}`);
  // One product on the page is a product page; several loose products are a listing.
  if (products.length === 1) affinity.track('view_item', { items: [productToItem(products[0]!)] });
  for (const list of lists) {
    if (!list.items.length) continue;
    affinity.track('view_item_list', {
      item_list_id: list.id,
      item_list_name: list.name,
      items: list.items.map((p, index) => ({ ...productToItem(p), index })),
    });
  }
  return products.length === 1 ? products[0] : undefined;
}

/** Engaged (visible) time on a product page, reported once when the shopper leaves. */
function watchDwell(doc: Document, affinity: Affinity, item: ReturnType<typeof productToItem>) {
  let visibleSince = doc.visibilityState === 'visible' ? performance.now() : -1;
  let total = 0;
  let sent = false;
  const leave = () => {
    if (visibleSince >= 0) total += performance.now() - visibleSince;
    visibleSince = -1;
    if (!sent && total > 0) {
      sent = true;
      affinity.track('user_engagement', { dwell_ms: Math.round(total), items: [item] });
    }
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') visibleSince = performance.now();
    else leave();
  };
  // Closing a tab fires pagehide while the page still counts as visible, then visibilitychange.
  // Capture phase: at the target, capture listeners run before the SDK's own unload flush
  // (registered earlier), so the engagement event leaves in that same beacon.
  doc.addEventListener('visibilitychange', onVisibility, { capture: true });
  addEventListener('pagehide', leave, { capture: true });
}

function reportVitals(affinity: Affinity) {
  const send = (m: Metric) =>
    affinity.track('web_vital', { metric_name: m.name, metric_value: +m.value.toFixed(m.name === 'CLS' ? 4 : 0), metric_rating: m.rating });
  onLCP(send);
  onINP(send);
  onCLS(send);
}

/**
 * Starts the drop-in script once per page; `tag` is the script's own tag (see `ownTag`). Four
 * tasks, none of them long on a page still loading: this one (the one that compiled the script)
 * reads the tag and asks for the widgets chunk, the next starts the SDK (storage, consent), the
 * next runs the queued commands, the one after starts auto-capture (sync, the data-layer replay
 * and web-vitals start in tasks of their own too). The promise settles with the SDK once its
 * queued commands ran.
 */
export function boot(doc: Document = document, tag: HTMLScriptElement | null = ownTag(doc)): Promise<Affinity | undefined> {
  const config = readConfig(tag, location);
  if (typeof config === 'string') {
    console.error(config);
    return Promise.resolve(undefined);
  }
  // The SDK starts in the next task, and runs the queued commands in the one after it: together
  // they made one long task on a loading page (commands wait in the queue meanwhile).
  const sdk = new Promise<Affinity>((resolve) =>
    setTimeout(() => {
      const affinity = createAffinity(config);
      setTimeout(() => resolve(startSdk(doc, config, affinity)));
    }),
  );
  // Widgets (runtime, elements, Lit) live in a second file, fetched only when the page holds an
  // <af-…> element; asked for now, they start once the SDK runs, and the runtime replays the
  // local event log, so it misses nothing meanwhile.
  loadWidgetsWhenNeeded(
    sdk,
    {
      ...widgetsSource(tag, location),
      integrity: WIDGETS_INTEGRITY,
      pageProducts: config.off.has('jsonld') ? undefined : pageProducts(doc),
      endpoint: config.endpoint,
      dev: config.dev,
      eager: wantsWidgetsEarly(tag, doc),
    },
    doc,
  );
  return sdk;
}

function startSdk(doc: Document, config: EmbedConfig, affinity: Affinity): Affinity {
  const track = (e: CapturedEvent) => affinity.track(e.type, e.data);
  const queued = Array.isArray(window.affinity) ? window.affinity : [];
  const api = createCommandQueue(affinity, config.dev);
  // Commands queued before the script loaded (e.g. consent) run before any auto-capture.
  api.push(...queued);
  window.affinity = api;

  const start = () => {
    if (!config.off.has('jsonld')) {
      const product = captureJsonLd(doc, affinity, config);
      if (product && !config.off.has('dwell')) watchDwell(doc, affinity, productToItem(product));
    }
    // Replaying the data layer and starting web-vitals take a task each (with the JSON-LD, they
    // made one long task): the pushes wait in the array and the vitals observers are buffered.
    if (!config.off.has('datalayer')) setTimeout(watchDataLayer, 0, (window.dataLayer ||= []), track);
    if (!config.off.has('clicks')) watchClicks(doc, track);
    if (!config.off.has('search')) {
      const search = searchFromUrl(location.href, config.searchParams);
      if (search) track(search);
    }
    if (!config.off.has('vitals')) setTimeout(reportVitals, 0, affinity);
  };
  // Capture starts in a task of its own: this one already started the SDK, and together they
  // would be one long task on a page still loading. Nothing is lost meanwhile (JSON-LD stays,
  // dataLayer pushes are replayed, web-vitals observers are buffered).
  const later = () => void setTimeout(start, 0);
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', later, { once: true });
  else later();
  return affinity;
}

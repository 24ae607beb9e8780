import type { AffinityOptions, ConsentState } from '@affinity/core';

/** Options the drop-in script reads from its own tag's `data-*` attributes. */
export interface EmbedConfig extends AffinityOptions {
  /** URL parameters that carry the site-search term (`data-search-param="q,s"`). */
  searchParams: string[];
  /** Capture sources to switch off (`data-capture-off="clicks,vitals"`). */
  off: Set<string>;
}

const CONSENT: readonly ConsentState[] = ['granted', 'denied', 'unknown'];

/** Finds the tag that loaded this script; `currentScript` is null when run from a module or later. */
export function ownTag(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript as HTMLScriptElement | null;
  if (current?.dataset.site) return current;
  return doc.querySelector<HTMLScriptElement>('script[data-site][src*="affinity"]');
}

/**
 * Reads the configuration from the script tag. The endpoint defaults to the origin the script
 * was served from, which is right for a backend that serves its own script.
 */
export function readConfig(tag: HTMLScriptElement | null, location: Location): EmbedConfig | string {
  if (!tag) return 'Affinity: no <script data-site="…"> tag found; add data-site to the script tag that loads affinity.js.';
  const d = tag.dataset;
  if (!d.site) return 'Affinity: the script tag needs data-site="<your site key>".';
  let endpoint = d.endpoint;
  if (!endpoint) {
    try {
      endpoint = new URL(tag.src, location.href).origin;
    } catch {
      endpoint = location.origin;
    }
  }
  const consent = d.consent as ConsentState | undefined;
  const config: EmbedConfig = {
    site: d.site,
    endpoint,
    dev: d.dev === '' || d.dev === 'true',
    searchParams: (d.searchParam ?? 'q,query,search,s').split(',').map((s) => s.trim()).filter(Boolean),
    off: new Set((d.captureOff ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  };
  if (consent && CONSENT.includes(consent)) config.consent = consent;
  if (d.respectGpc === 'false') config.respectGpc = false;
  if (d.storage === 'memory') config.storage = 'memory';
  return config;
}

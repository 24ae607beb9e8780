const cache = new Map<string, Intl.NumberFormat>();

/** The locale of the element's nearest `lang`, else the page's, else the browser's. */
export function localeOf(el: Element): string | undefined {
  const lang = el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || undefined;
  try {
    return lang ? Intl.getCanonicalLocales(lang)[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A price in the page's locale and the product's currency (`fallback` currency when the product
 * has none); a plain number when no currency is known. Empty for a missing price.
 *
 * @example formatMoney(49.9, 'de-DE', 'EUR') // "49,90 €"
 */
export function formatMoney(value: number | undefined, locale: string | undefined, currency: string | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const key = `${locale}|${currency}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency } : { maximumFractionDigits: 2 });
    } catch {
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
    }
    cache.set(key, f);
  }
  return f.format(value);
}

/**
 * A date and time in the page's locale.
 *
 * @example formatDate(Date.UTC(2026, 0, 31), 'en-GB') // "31 Jan 2026, 00:00"
 */
export function formatDate(ms: number, locale: string | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

/** Only http(s) and page-relative URLs reach `href`/`src`: no `javascript:` from product data. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

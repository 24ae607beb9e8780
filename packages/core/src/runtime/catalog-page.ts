/** Options of {@link fetchCatalog}. */
export interface FetchCatalogOptions {
  endpoint: string;
  site: string;
  fetch: typeof fetch;
  /** Products wanted (one page). */
  limit: number;
  timeoutMs?: number;
}

/**
 * One page of the server's catalog (`GET {endpoint}/v1/catalog?site=…&limit=…`), as untrusted
 * rows for `catalog.mergePage` (which validates each one). Returns `[]` on any failure.
 *
 * @example
 * catalog.mergePage(await fetchCatalog({ endpoint, site: 'shop', fetch, limit: 500 }));
 */
export async function fetchCatalog(o: FetchCatalogOptions): Promise<unknown[]> {
  const url = `${o.endpoint.replace(/\/+$/, '')}/v1/catalog?site=${encodeURIComponent(o.site)}&limit=${o.limit}`;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), o.timeoutMs ?? 10_000);
  try {
    const res = await o.fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit', signal: ctrl.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as unknown;
    const rows = Array.isArray(body) ? body : (body as { products?: unknown; items?: unknown })?.products ?? (body as { items?: unknown })?.items;
    if (!Array.isArray(rows)) throw new Error('expected { products: [...] }');
    return rows;
  } catch (err) {
    if (typeof console !== 'undefined') console.warn(`[affinity] could not load the catalog from ${url}: ${(err as Error)?.message ?? err}`);
    return [];
  } finally {
    clearTimeout(timer);
  }
}

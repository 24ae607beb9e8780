/** Options of {@link findFlashSale}. */
export interface FindFlashSaleOptions {
  endpoint: string;
  site: string;
  fetch: typeof fetch;
}

/**
 * The id of the flash sale running (or coming) for a product, from the public campaign list
 * (`GET /v1/campaigns?site=…` → `{ flashSales: [{ id, item, endsAt }] }`); the soonest-ending one
 * when several are. `undefined` when there is none or the server cannot be reached.
 *
 * @example
 * const id = await findFlashSale('sku-1', { endpoint, site: 'shop', fetch });
 */
export async function findFlashSale(productId: string, o: FindFlashSaleOptions): Promise<string | undefined> {
  try {
    const res = await o.fetch(`${o.endpoint.replace(/\/+$/, '')}/v1/campaigns?site=${encodeURIComponent(o.site)}`, { credentials: 'omit' });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { flashSales?: unknown };
    const sales = Array.isArray(body?.flashSales) ? (body.flashSales as Array<Record<string, unknown>>) : [];
    const mine = sales.filter((s) => s && s.item === productId && typeof s.id === 'string' && typeof s.endsAt === 'number');
    mine.sort((a, b) => (a.endsAt as number) - (b.endsAt as number));
    return mine[0]?.id as string | undefined;
  } catch {
    return undefined;
  }
}

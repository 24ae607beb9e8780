import type { CapturedEvent } from './data-layer';

/**
 * The site-search term in a page URL (`?q=…` by default; stores use `s`, `query`, `search`…).
 *
 * @example searchFromUrl('https://shop.example/search?q=trail+shoes') // → { type: 'search', data: { search_term: 'trail shoes' } }
 */
export function searchFromUrl(url: string, params: string[] = ['q', 'query', 'search', 's']): CapturedEvent | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  for (const p of params) {
    const term = u.searchParams.get(p)?.trim();
    if (term) return { type: 'search', data: { search_term: term.slice(0, 200) } };
  }
  return undefined;
}

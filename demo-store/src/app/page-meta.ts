import { useEffect } from 'preact/hooks';
import { setPageJsonLd } from './jsonld';

/** The store's name, used in titles and the WebSite node. */
export const STORE_NAME = 'Marlow & Finch';

/**
 * Sets the document title and the page's JSON-LD whenever `key` changes (the route and the
 * data it shows).
 *
 * @example usePageMeta(product.title, () => [productNode(product)], product.id)
 */
export function usePageMeta(title: string, nodes: () => Record<string, unknown>[], key: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${STORE_NAME}` : `${STORE_NAME} — homeware & gifts`;
    setPageJsonLd(nodes());
  }, [key]);
}

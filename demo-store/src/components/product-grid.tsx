import { useEffect, useRef } from 'preact/hooks';
import { trackList } from '../app/analytics';
import type { StoreProduct } from '../app/catalog';
import { ProductCard } from './product-card';
import '../widgets/jsx-elements';

/** Props of {@link ProductGrid}. */
export interface ProductGridProps {
  products: readonly StoreProduct[];
  /** GA4 list id and name (`category:home/clocks`, `Home > Clocks`). */
  listId: string;
  listName: string;
  /**
   * Let Affinity re-rank the cards for this shopper (`<af-ranked-list>`); `'off'` keeps the
   * merchant's order (an explicit sort the shopper chose). Default: not ranked (curated lists).
   */
  rank?: 'on' | 'off';
}

/**
 * A grid of product cards that reports `view_item_list` for the cards it shows (each once per list). The
 * container carries `data-af-list-id` / `data-af-list-name`, and its direct children are the
 * cards — the shape `<af-ranked-list>` will wrap.
 *
 * @example <ProductGrid products={list} listId="search" listName="Search results" />
 */
export function ProductGrid({ products, listId, listName, rank }: ProductGridProps) {
  const ids = products.map((p) => p.id).join(',');
  // Each product is reported once per list; "show more" reports only the new cards.
  const sent = useRef({ listId: '', ids: new Set<string>() });
  useEffect(() => {
    if (sent.current.listId !== listId) sent.current = { listId, ids: new Set() };
    const fresh = products.map((p, index) => [p, index] as const).filter(([p]) => !sent.current.ids.has(p.id));
    fresh.forEach(([p]) => sent.current.ids.add(p.id));
    trackList(listId, listName, fresh);
  }, [listId, listName, ids]);
  const cards = products.map((p, i) => <ProductCard key={p.id} product={p} listId={listId} listName={listName} index={i} />);
  if (!rank) {
    return (
      <div class="product-grid" data-af-list-id={listId} data-af-list-name={listName}>
        {cards}
      </div>
    );
  }
  // The element is the grid itself (the page's CSS overrides its `display: contents`), so the
  // cards stay its direct children: it moves them, Preact keeps owning them. Keyed by list so a
  // new list starts from the merchant's order rather than from the previous list's moves.
  return (
    <af-ranked-list key={listId} class="product-grid" list-id={listId} data-af-list-id={listId} data-af-list-name={listName} disabled={rank === 'off'}>
      {cards}
    </af-ranked-list>
  );
}

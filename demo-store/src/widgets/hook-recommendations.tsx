import { Recommendations } from '@affinity/preact';
import type { Catalog } from '../app/catalog';
import { Price } from '../components/price';

/** Props of {@link HookRecommendations}. */
export interface HookRecommendationsProps {
  catalog: Catalog;
  strategy: string;
  heading: string;
  /** The product the page is about (seed of item-to-item strategies). */
  anchor?: string;
  limit?: number;
}

function Skeleton({ count }: { count: number }) {
  return (
    <ul class="rec-row" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <li key={i} class="rec-card rec-card--skeleton" />
      ))}
    </ul>
  );
}

/**
 * A recommendations row built with the Preact integration (`<Recommendations>` over
 * `useRecommendations`) rather than the `<af-recommendations>` element, so both paths a theme
 * developer can take stay exercised. Cards are the store's own markup; the component tracks
 * impressions and clicks. The skeleton has the final size (no layout shift).
 *
 * @example <HookRecommendations catalog={catalog} strategy="related" anchor={p.id} heading="You may also like" />
 */
export function HookRecommendations({ catalog, strategy, heading, anchor, limit = 4 }: HookRecommendationsProps) {
  return (
    <div class="hook-recs" data-strategy={strategy}>
      <h2 class="hook-recs__heading">{heading}</h2>
      <Recommendations
        strategy={strategy}
        anchor={anchor}
        limit={limit}
        listId={`pdp-${strategy}`}
        class="rec-row"
        placeholder={<Skeleton count={limit} />}
        empty={<p class="muted">Nothing to suggest yet.</p>}
      >
        {(r) => {
          const p = catalog.byId.get(r.product.id);
          if (!p) return null;
          return (
            <a class="rec-card" href={p.url}>
              <img src={p.image} alt="" width={160} height={160} loading="lazy" />
              <span class="rec-card__title">{p.title}</span>
              <Price value={p.price} listPrice={p.listPrice} />
            </a>
          );
        }}
      </Recommendations>
    </div>
  );
}

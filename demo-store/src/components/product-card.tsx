import { trackCartChange, trackSelect } from '../app/analytics';
import { quantityOf, setQuantity } from '../app/cart';
import type { StoreProduct } from '../app/catalog';
import { Price } from './price';
import { Rating } from './rating';

/** Props of {@link ProductCard}. */
export interface ProductCardProps {
  product: StoreProduct;
  /** The list it is shown in, for GA4 `select_item`. */
  listId: string;
  listName: string;
  index: number;
}

/**
 * A product tile. The root is a light-DOM `<article data-product-id>` so a ranking element
 * wrapped around the grid can reorder the cards without knowing their markup.
 *
 * @example <ProductCard product={p} listId="category:home" listName="Home" index={0} />
 */
export function ProductCard({ product: p, listId, listName, index }: ProductCardProps) {
  const soldOut = p.stock === 0;
  const select = () => trackSelect(listId, listName, p, index);
  const add = () => {
    setQuantity(p.id, quantityOf(p.id) + 1);
    trackCartChange(p, 1);
  };
  return (
    <article class="product-card" data-product-id={p.id}>
      <a class="product-card__link" href={p.url} onClick={select}>
        <img class="product-card__image" src={p.image} alt="" width={240} height={240} loading="lazy" decoding="async" />
        <h3 class="product-card__title">{p.title}</h3>
      </a>
      <p class="product-card__brand">{p.brand && p.brand !== 'Essentials' ? p.brand : ''}</p>
      <Rating value={p.rating} count={p.ratingCount} />
      <div class="product-card__buy">
        <Price value={p.price} listPrice={p.listPrice} />
        <button type="button" class="button button--small" onClick={add} disabled={soldOut} aria-label={`Add ${p.title} to basket`}>
          {soldOut ? 'Sold out' : 'Add'}
        </button>
      </div>
    </article>
  );
}

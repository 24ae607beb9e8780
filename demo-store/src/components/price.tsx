import { formatPrice } from '../app/format';

/** A price, with the list price struck through when the product is on sale. */
export function Price({ value, listPrice }: { value: number; listPrice?: number }) {
  return (
    <span class="price">
      {listPrice && listPrice > value ? <s class="price__was">{formatPrice(listPrice)}</s> : null}
      <span class={listPrice && listPrice > value ? 'price__now price__now--sale' : 'price__now'}>{formatPrice(value)}</span>
    </span>
  );
}

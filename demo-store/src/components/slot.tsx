import type { ComponentChildren } from 'preact';

/**
 * Where Affinity widgets go, by name. Each entry is the reserved height (so a widget arriving
 * late never shifts the layout; measured at 1280 px from the loaded widgets) and the widget in it.
 */
export const SLOTS = {
  'for-you': { height: 470, widget: 'recommendations, strategy for-you (cold start: trending)' },
  trending: { height: 430, widget: 'recommendations, strategy trending' },
  'flash-sale': { height: 230, widget: 'flash-sale banner / countdown' },
  coupon: { height: 296, widget: 'targeted coupon offer' },
  related: { height: 396, widget: 'recommendations, strategy related' },
  'bought-together': { height: 396, widget: 'recommendations, strategy bought-together' },
  next: { height: 396, widget: 'recommendations, strategy next' },
  'cart-complement': { height: 430, widget: 'recommendations, strategy cart-complement' },
  'recently-viewed': { height: 430, widget: 'recommendations, strategy recently-viewed' },
  'privacy-center': { height: 480, widget: 'privacy center (consent, see / reset / erase profile)' },
} as const;

/** Name of a widget slot. */
export type SlotName = keyof typeof SLOTS;

/** Props of {@link Slot}. */
export interface SlotProps {
  name: SlotName;
  /** Product the widget is about (product page), written as `data-product-id`. */
  productId?: string;
  /** Products in the cart (cart page), written as `data-cart-ids` (comma-separated). */
  cartIds?: readonly string[];
  /** The widget; without one the slot stays an empty, marked reserved box. */
  children?: ComponentChildren;
  /** Reserved height in px when this page knows better than the default (e.g. 0: no widget expected). */
  height?: number;
}

/**
 * A reserved, clearly marked container for an Affinity widget. It carries its context as data
 * attributes so a widget dropped inside (or a script) can read what the page is about:
 * `<section class="af-slot" data-af-slot="related" data-product-id="85123A">`.
 *
 * @example <Slot name="related" productId={product.id} />
 */
export function Slot({ name, productId, cartIds, children, height = SLOTS[name].height }: SlotProps) {
  return (
    <section
      class="af-slot"
      data-af-slot={name}
      data-product-id={productId}
      data-cart-ids={cartIds?.length ? cartIds.join(',') : undefined}
      style={{ minHeight: `${height}px` }}
    >
      <div class="af-slot__body" data-placeholder={`Widget slot “${name}”: ${SLOTS[name].widget}`}>
        {children}
      </div>
    </section>
  );
}

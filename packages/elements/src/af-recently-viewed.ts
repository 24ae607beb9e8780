import { AfRecommendations } from './af-recommendations';

/**
 * The products this shopper viewed most recently, newest first (the page's own product
 * excluded when `product-id` is set). Same attributes, parts and template as
 * `<af-recommendations>`, with the strategy fixed.
 *
 * ```html
 * <af-recently-viewed limit="6" heading="Recently viewed"></af-recently-viewed>
 * ```
 */
export class AfRecentlyViewed extends AfRecommendations {
  protected override get _strategy(): string {
    return 'recently-viewed';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'af-recently-viewed': AfRecentlyViewed;
  }
}

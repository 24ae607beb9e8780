import { AfCoupon } from './af-coupon';
import { AfFlashSale } from './af-flash-sale';
import { AfLottery } from './af-lottery';
import { AfShare } from './af-share';
import { AfPrivacyCenter } from './af-privacy-center';
import { AfRankedList } from './af-ranked-list';
import { AfRecentlyViewed } from './af-recently-viewed';
import { AfRecommendations } from './af-recommendations';
import { AfWhy } from './af-why';

/** Every element by tag name. */
export const ELEMENTS = {
  'af-recommendations': AfRecommendations,
  'af-recently-viewed': AfRecentlyViewed,
  'af-ranked-list': AfRankedList,
  'af-why': AfWhy,
  'af-privacy-center': AfPrivacyCenter,
  'af-coupon': AfCoupon,
  'af-flash-sale': AfFlashSale,
  'af-lottery': AfLottery,
  'af-share': AfShare,
} as const;

/**
 * Registers every `<af-…>` element not registered yet (safe to call twice, and next to another
 * copy of the script). Elements already in the page upgrade at once and connect as soon as the
 * runtime is set.
 *
 * @example defineElements();
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, ctor] of Object.entries(ELEMENTS)) {
    if (!registry.get(tag)) registry.define(tag, ctor);
  }
}

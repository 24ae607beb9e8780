/**
 * Lit web components over `@affinity/core` connectors. Importing this module defines nothing;
 * call {@link defineElements} (the drop-in script does) or define the classes under your own names.
 *
 * @example
 * import { defineElements } from '@affinity/elements';
 * import { createAffinity, createRuntime, setRuntime } from '@affinity/core';
 * setRuntime(createRuntime({ affinity: createAffinity({ site: 'shop' }) }));
 * defineElements();
 */
export { StoreController } from './store-controller';
export { SafeElement } from './safe-element';
export { ImpressionController } from './impressions';
export { fillTemplate, defaultCard, type CardContext } from './card';
export { formatMoney, formatDate, safeUrl, localeOf } from './format';
export { AfRecommendations, type SelectDetail } from './af-recommendations';
export { AfRecentlyViewed } from './af-recently-viewed';
export { AfRankedList } from './af-ranked-list';
export { AfWhy } from './af-why';
export { AfPrivacyCenter, PRIVACY_STRINGS } from './af-privacy-center';
export { AfCoupon, COUPON_STRINGS } from './af-coupon';
export { AfFlashSale, FLASH_SALE_STRINGS } from './af-flash-sale';
export { AfLottery } from './af-lottery';
export { AfShare } from './af-share';
export { discountText, countdownText, DISCOUNT_STRINGS } from './promo-text';
export { stringsProperty, text, type Strings } from './strings';
export { defineElements, ELEMENTS } from './define';

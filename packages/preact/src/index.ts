/**
 * Preact hooks over `@affinity/core` connectors, for theme developers. Each hook is a few lines
 * over the page's runtime (`setRuntime`, done by the drop-in script).
 *
 * @example
 * import { useRecommendations } from '@affinity/preact';
 * const { items } = useRecommendations({ strategy: 'for-you', limit: 4 });
 */
export { useRuntime, useRuntimeStore } from './use-runtime';
export { useRecommendations, useRankedList, useProfile, useSegments, useConsent, usePrivacy, useCoupons, useFlashSale } from './hooks';
export { Recommendations, type RecommendationsProps } from './recommendations';
export { Coupon, type CouponProps, type CouponActions } from './coupon';
export { FlashSale, type FlashSaleProps } from './flash-sale';

export * from './types';
export { matchesTarget, cartMatches, inDateWindows, categoryPath, type TargetContext } from './targeting';
export { discountAmount } from './discount';
export { createServerClock, type ServerClock } from './server-clock';
export { connectCoupons, type CouponsOptions, type CouponsConnector, type CouponsState, type CouponOffer, type ClaimedCoupon } from './connect-coupons';
export { connectFlashSale, statusAt, type FlashSaleOptions, type FlashSaleConnector, type FlashSaleState, type FlashSaleStatus } from './connect-flash-sale';

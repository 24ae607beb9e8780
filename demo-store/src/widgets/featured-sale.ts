/**
 * The product the home page's flash-sale banner features (Regency Cakestand 3 Tier, a best
 * seller), as a merchant would pick one. The sale itself is defined in `demo-store/campaigns.json`
 * (`cakestand-flash`); when no sale for it is running the banner renders nothing.
 */
export const FEATURED_SALE_PRODUCT = '22423';

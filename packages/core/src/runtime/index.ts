export { createRuntime, type Runtime, type RuntimeOptions, type RuntimeRecommendationsOptions } from './runtime';
export { $runtime, setRuntime, getRuntime, whenRuntime } from './registry';
export { fetchModel, parseModel, type CachedModel, type FetchModelOptions } from './model';
export { fetchCatalog, type FetchCatalogOptions } from './catalog-page';
export { createListEvents, createPromotionEvents, type ListEvents, type ListEventsOptions, type PromotionEvents, type PromotionRef } from './list-events';
export { connectPrivacy, describeProfile, type PrivacyConnector, type PrivacyState, type ProfileFact } from './privacy';
export { findFlashSale, type FindFlashSaleOptions } from './flash-sale-lookup';

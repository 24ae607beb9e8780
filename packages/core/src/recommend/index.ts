export * from './types';
export { recommend, isStrategy, FALLBACKS, type RecommendOptions } from './recommend';
export { connectRecommendations, type RecommendationsOptions } from './connect-recommendations';
export { contextFromEvents, type EventContext } from './context-from-events';
export { contentSimilarity } from './strategies/related';
export { DEFAULT_HYBRID } from './strategies/hybrid';
export { tastesOf, type Tastes } from './strategies/for-you';
export * from './next';
export * from './learned';

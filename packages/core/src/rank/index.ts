export { rank, similarity } from './rank';
export { diversify } from './diversify';
export { sortByScore } from './sort-by-score';
export { rankContext, type RankContext } from './context';
export { RankedItem } from './ranked-item';
export { connectRankedList, type RankedListOptions } from './connect-ranked-list';
export { DEFAULT_RANK_WEIGHTS, type RankWeights, type BusinessRules, type RankOptions, type ScoreParts } from './types';
export type { RankedItem as RankedItemShape } from './types';

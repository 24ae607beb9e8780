export type { EmbeddingPayload, EmbeddingTable, ShopperPrototypes, ShopperPrototype } from './types';
export { encodeEmbeddings, decodeEmbeddings, isEmbeddingPayload, isShopperPrototypes } from './codec';
export { embeddingTable, queryVector, scoreRows, embeddingScores, rowsOf } from './score';
export { shopperItems } from './query';

/**
 * Learned item embeddings as the server publishes them in `ModelPayload.embeddings`: `dim`-long
 * vectors quantised to int8 with one float32 scale per item (value ≈ int8 × scale), both
 * base64-encoded little-endian so 10,000 items × 32 dimensions cost 320 KB of vectors, not a
 * JSON array of numbers.
 *
 * @example
 * const e: EmbeddingPayload = { v: 1, dim: 32, ids: ['a', 'b'], scales: 'AACAPwAAgD8=', vectors: '…' };
 */
export interface EmbeddingPayload {
  v: 1;
  /** Dimensions per item. */
  dim: number;
  /** Item ids, in the order of `scales` and `vectors`. */
  ids: string[];
  /** base64 of a Float32Array (little-endian), one scale per item. */
  scales: string;
  /** base64 of an Int8Array of `ids.length × dim` values, item after item. */
  vectors: string;
}

/**
 * Shopper prototypes for `similar-shoppers`: each is the mean embedding of a group of similar
 * shoppers (k-means over their history vectors, at least `minMembers` each) and the items that
 * group interacted with most, as `[id, share of members]`.
 *
 * @example
 * const s: ShopperPrototypes = { v: 1, dim: 32, prototypes: [{ centroid: [...32 numbers], size: 140, items: [['a', 0.4]] }] };
 */
export interface ShopperPrototypes {
  v: 1;
  dim: number;
  prototypes: ShopperPrototype[];
}

/** One group of similar shoppers (see {@link ShopperPrototypes}). */
export interface ShopperPrototype {
  /** Mean unit-length history vector of the members (same space as the item embeddings). */
  centroid: number[];
  /** Members (shoppers or sessions) behind it. */
  size: number;
  /** Items the members interacted with, `[id, share of members]`, most shared first. */
  items: [string, number][];
}

/** A decoded embedding table, ready for dot products in the page. */
export interface EmbeddingTable {
  dim: number;
  ids: string[];
  /** id → row. */
  index: Map<string, number>;
  /** Per-row scale. */
  scales: Float32Array;
  /** Row-major int8 values. */
  vectors: Int8Array;
}

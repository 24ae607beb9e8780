/** One published cluster: its id, its words and its centroid in the feature space of `categories`. */
export interface ClusterCentroid {
  /** Stable within one build: 0…k−1, largest cluster first. */
  id: number;
  /** Words from the centroid, e.g. "high spend, Home décor, price tolerant". */
  label: string;
  /** Feature vector (see `clusterFeatures`) of the cluster's mean shopper. */
  centroid: number[];
}

/**
 * What the server publishes (`GET /v1/clusters?site=`) and the browser assigns its shopper with:
 * centroids and labels only, never anything about one shopper.
 *
 * @example
 * const model: ClusterModel = { v: 1, builtAt: 0, categories: ['Home'], clusters: [{ id: 0, label: 'new shoppers', centroid: [...] }] };
 */
export interface ClusterModel {
  v: 1;
  /** Epoch ms of the build. */
  builtAt: number;
  /** The top-level categories that are dimensions of the feature space, in order. */
  categories: string[];
  clusters: ClusterCentroid[];
}

/** The cluster a shopper is nearest to. */
export interface ClusterAssignment {
  id: number;
  label: string;
  /** Euclidean distance to the centroid (smaller = more typical of the cluster). */
  distance: number;
}

export type { ClusterModel, ClusterCentroid, ClusterAssignment } from './types';
export { clusterFeatures, categoryFeatures, behaviourFeatures, clusterFeatureNames, topCategoryShares, CLUSTER_LIFECYCLE_STAGES, INTERACTION_HALF } from './features';
export { assignCluster, isClusterModel } from './assign';
export { usesCluster } from './segments';

export { SNAPSHOT_VERSION, MAX_IDS, MAX_LISTS, snapshotKey, parseSnapshot, orderFor, listEntry, withList, type Snapshot, type SnapshotList } from './format';
export { startEarlyRanking, HOLD_MS, BASE_PROP, ORDER_PROP, type EarlyOptions } from './early';
export { connectSnapshot, snapshotFor, clearSnapshot, type SnapshotSource, type SnapshotWriter } from './writer';

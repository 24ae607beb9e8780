// Algolia search-insights as a bundled npm import, `host` pointed at the local collector. It
// has no queue: each call is one request (sendBeacon or XHR).
import aa from 'search-insights';
import type { PeerAdapter } from './types';

const adapter: PeerAdapter = {
  init(endpoint) {
    aa('init', { appId: 'BENCH', apiKey: 'bench', host: endpoint });
    aa('setUserToken', 'visitor-1');
  },
  track(type, data) {
    aa('viewedObjectIDs', { eventName: type, index: 'products', objectIDs: data.items.map((i) => i.item_id) });
  },
};
window.peer = adapter;

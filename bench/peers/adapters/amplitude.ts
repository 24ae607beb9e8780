// Amplitude Browser SDK 2 as a bundled npm import, `serverUrl` at the local collector and the
// remote configuration fetch turned off (it would go to Amplitude's CDN). Defaults otherwise:
// batches of 30 every second, default autocapture (sessions, page views, attribution...).
import * as amplitude from '@amplitude/analytics-browser';
import type { PeerAdapter } from './types';

const adapter: PeerAdapter = {
  async init(endpoint) {
    await amplitude.init('bench', { serverUrl: `${endpoint}/2/httpapi`, fetchRemoteConfig: false }).promise;
  },
  track(type, data) {
    amplitude.track(type, data);
  },
};
window.peer = adapter;

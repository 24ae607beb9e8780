// Segment Analytics.js 2.0 as a bundled npm import, configured inline (`cdnSettings`) so it never
// fetches settings from Segment's CDN; the Segment.io destination points at the local collector.
// Defaults otherwise: one request per event, localStorage-backed retry queue.
import { AnalyticsBrowser } from '@segment/analytics-next';
import type { PeerAdapter } from './types';

let analytics: AnalyticsBrowser | undefined;

const adapter: PeerAdapter = {
  async init(endpoint) {
    const url = new URL(endpoint);
    analytics = AnalyticsBrowser.load({
      writeKey: 'bench',
      cdnURL: endpoint,
      cdnSettings: { integrations: { 'Segment.io': { apiKey: 'bench', apiHost: `${url.host}/v1`, protocol: 'http' } } },
    });
    await analytics;
  },
  track(type, data) {
    void analytics!.track(type, data);
  },
};
window.peer = adapter;

// PostHog as a bundled npm import with its defaults except the bot filter (autocapture, pageviews, remote config and
// flags fetched from api_host, i.e. the local collector, which answers `{}`); session recording
// left at its default, which the empty remote config does not enable.
import posthog from 'posthog-js';
import type { PeerAdapter } from './types';

const adapter: PeerAdapter = {
  init(endpoint) {
    return new Promise<void>((resolve) => {
      // Its own documented switch for automated browsers: it drops events when navigator.webdriver is set.
      posthog.init('phc_bench', { api_host: endpoint, opt_out_useragent_filter: true, loaded: () => resolve() });
    });
  },
  track(type, data) {
    posthog.capture(type, data);
  },
};
window.peer = adapter;

// Snowplow browser tracker as a bundled npm import; events as self-describing JSON (its
// documented way to send a custom e-commerce payload). Defaults otherwise: POST, buffer 1,
// localStorage out-queue (capped at 1,000 by default).
import { newTracker, trackSelfDescribingEvent } from '@snowplow/browser-tracker';
import type { PeerAdapter } from './types';

const adapter: PeerAdapter = {
  init(endpoint) {
    newTracker('sp', endpoint, { appId: 'bench', eventMethod: 'post' });
  },
  track(type, data) {
    trackSelfDescribingEvent({ event: { schema: 'iglu:com.example/ecommerce_event/jsonschema/1-0-0', data: { type, ...data } } });
  },
};
window.peer = adapter;

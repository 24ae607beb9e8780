// The one interface every tracker is driven through in the benchmark page, so each pays the
// same wrapper call and the comparison is of the SDK behind it.

/** A GA4-style event payload, as a storefront would pass it. */
export type BenchEventData = { items: Array<{ item_id: string; item_name: string; price: number; item_category: string }> };

/**
 * What an adapter puts on `window.peer`.
 * @example window.peer = { init: (endpoint) => sdk.init({ host: endpoint }), track: (t, d) => sdk.track(t, d) };
 */
export interface PeerAdapter {
  /** Configures the SDK to send to `endpoint` (the local collector); resolves once it is usable. */
  init(endpoint: string): Promise<void> | void;
  /** The merchant-facing capture call. */
  track(type: string, data: BenchEventData): void;
}

declare global {
  interface Window {
    peer?: PeerAdapter;
  }
}

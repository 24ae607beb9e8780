/**
 * JSX types of the `<af-…>` elements the store places (registered by `affinity.js`). Attributes
 * are strings in markup; Preact sets `limit` and `disabled` as properties when the element is
 * defined, which the elements accept too.
 */
import type { JSX } from 'preact';

/** Every element takes the store's currency for prices whose product does not say it. */
type Attrs = JSX.HTMLAttributes<HTMLElement> & { currency?: string };
interface RecommendationsAttrs extends Attrs {
  strategy?: string;
  limit?: number;
  'product-id'?: string;
  category?: string;
  'list-id'?: string;
  heading?: string;
  'show-reason'?: boolean;
  'collapse-empty'?: boolean;
}

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'af-recommendations': RecommendationsAttrs;
      'af-recently-viewed': RecommendationsAttrs;
      'af-ranked-list': Attrs & { 'list-id'?: string; region?: string; disabled?: boolean };
      'af-coupon': Attrs & { limit?: number; heading?: string; 'collapse-empty'?: boolean };
      'af-flash-sale': Attrs & { 'product-id'?: string; 'sale-id'?: string };
      'af-lottery': Attrs & { campaign?: string; customer?: string; signature?: string; endpoint?: string };
      'af-share': Attrs & { 'product-id'?: string; program?: string; customer?: string; signature?: string; endpoint?: string; label?: string };
      'af-privacy-center': Attrs & { heading?: string };
    }
  }
}

export {};

/**
 * Entry of the extras chunk (`affinity-widgets.extras-<hash>.js`, see `extras-chunk.ts`): the
 * elements few pages place. The widgets chunk fetches it when one of them is on the page and
 * registers them; what they share with the other elements (Lit, the runtime registry, styles,
 * formatting) comes from the widgets chunk at build time, never as a second copy.
 */
import { AfLottery, AfPrivacyCenter, AfShare } from '@affinity/elements';
import type { EXTRA_TAGS } from './extras-chunk';

export const EXTRA_ELEMENTS: Record<(typeof EXTRA_TAGS)[number], CustomElementConstructor> = {
  'af-lottery': AfLottery,
  'af-share': AfShare,
  'af-privacy-center': AfPrivacyCenter,
};

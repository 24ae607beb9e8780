/**
 * Entry of the widgets chunk (`affinity-widgets.<hash>.js`): the runtime (profile, ranking,
 * recommendations, promotions), the commonly placed `<af-…>` elements and Lit. `affinity.js` loads
 * it only on pages that hold an `<af-…>` element (see `loader.ts`) and calls `startElements` with
 * its SDK instance. The build adds what the extras chunk takes from it (see rollup.config.mjs).
 */
export { startElements } from './elements';

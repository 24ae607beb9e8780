/**
 * Entry of the widgets chunk (`affinity-widgets.js`): the runtime (profile, ranking,
 * recommendations, promotions), the `<af-…>` elements and Lit. `affinity.js` loads it only on pages
 * that hold an `<af-…>` element (see `loader.ts`) and calls `startElements` with its SDK instance.
 */
export { startElements } from './elements';

/**
 * The widgets chunk `affinity.js` loads. In sources and tests these are placeholders; the build
 * (rollup.config.mjs) writes the chunk it has just built: its content-hashed file name (so a cached
 * `affinity.js` always fetches the chunk it was built with) and its Subresource Integrity
 * (`sha384-…`), so a tampered chunk is refused wherever SRI can apply (see `widgetsSource`).
 */
export const WIDGETS_FILE: string = 'affinity-widgets.js';
export const WIDGETS_INTEGRITY: string = '';

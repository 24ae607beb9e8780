/**
 * The extras chunk: elements few pages place (a lottery, a share box, a privacy page), split
 * from the widgets chunk so every other page downloads, compiles and runs less. It takes Lit and
 * the runtime from the widgets chunk (one copy of each on the page; see rollup.config.mjs) and is
 * fetched by it only once one of `EXTRA_TAGS` is on the page. In sources and tests the file name
 * and Subresource Integrity are placeholders; the build writes those of the chunk it has just
 * built, as it does for the widgets chunk (`widgets-chunk.ts`).
 */
export const EXTRAS_FILE: string = 'affinity-widgets.extras.js';
export const EXTRAS_INTEGRITY: string = '';
/** The tags the extras chunk defines (the widgets chunk defines every other `<af-…>` element). */
export const EXTRA_TAGS = ['af-lottery', 'af-share', 'af-privacy-center'] as const;

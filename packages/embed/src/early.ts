/**
 * `affinity-early.js`: the tiny before-first-paint script for `<af-ranked-list>` (see
 * `startEarlyRanking`). Load it synchronously in `<head>` (or paste it inline there), before
 * the page's lists, with the same `data-site` as `affinity.js`; `data-hold-ms` changes the
 * longest hold (default 100).
 *
 * ```html
 * <style>af-ranked-list[af-hold] { visibility: hidden }</style>
 * <script src="/affinity-early.js" data-site="my-store"></script>
 * <script async src="/affinity.js" data-site="my-store"></script>
 * ```
 */
// A relative import: only this module (and the snapshot format) ends up in the early bundle.
import { startEarlyRanking } from '../../core/src/snapshot/early';

const tag = document.currentScript as HTMLScriptElement | null;
const site = tag?.dataset.site;
const holdMs = Number(tag?.dataset.holdMs);
if (site) startEarlyRanking(document, { site, holdMs: holdMs >= 0 && holdMs <= 1000 ? holdMs : undefined });
else console.error('Affinity: the affinity-early.js tag needs data-site="<your site key>".');

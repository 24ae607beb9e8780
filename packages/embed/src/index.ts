/**
 * The drop-in script. It configures itself from its own tag, captures what the page already
 * says (JSON-LD, dataLayer, data-af-* attributes, the search URL), runs the commands queued
 * before it loaded, and exposes the SDK as `window.affinity`.
 *
 * ```html
 * <script>window.affinity = window.affinity || []; affinity.push(['consent', 'granted']);</script>
 * <script async src="/affinity.js" data-site="my-store" data-endpoint="https://affinity.example"></script>
 * ```
 */
import { boot } from './boot';
import { ownTag } from './config';

// Only while this script runs does the page say which tag loaded it; `boot` starts the SDK in
// the next task (this one compiled the whole file).
void boot(document, ownTag(document));

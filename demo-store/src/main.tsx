/**
 * The demo store's browser entry (bundled to `demo-store/dist/app.js` by the root Rollup config).
 * The store loads `/affinity.js` with a script tag, as a merchant would, and reports through
 * `window.dataLayer` and the `window.affinity` queue; the `<af-…>` elements it places are the
 * embed's. A few widgets use the Preact hooks instead (`connectRuntime` hands them the embed's SDK).
 */
import { render } from 'preact';
import { App } from './app/app';
import { interceptLinks } from './app/router';
import { connectRuntime } from './widgets/affinity-runtime';

interceptLinks();
connectRuntime();
const root = document.getElementById('app');
if (root) {
  // Preact renders next to existing children: the static "Loading the shop…" must go first.
  root.textContent = '';
  render(<App />, root);
}

import { createRuntime, getRuntime, setRuntime, type Runtime } from '@affinity/core';
import { loadedEmbed } from '../qa/sdk';

/**
 * Gives the store's Preact hooks (`@affinity/preact`, bundled into app.js) the page's runtime,
 * as a theme developer would: the embed's own (`window.affinity.runtime`, set once its widgets
 * chunk started), so elements and hooks share one profile, one model and one experiment arm.
 * A page without `<af-…>` elements never gets the embed's runtime: after `graceMs` the hooks get
 * one of their own over the embed's SDK (same visitor, same event log, same arm), and switch to
 * the embed's if it appears later. Polls because `affinity.js` loads async; gives up quietly
 * after `timeoutMs` (consent banner, blocked script): the hooks then keep their placeholders.
 *
 * @example connectRuntime(); // once, before rendering
 */
export function connectRuntime(timeoutMs = 30_000, graceMs = 3000): void {
  if (getRuntime()) return;
  const started = Date.now();
  let own: Runtime | undefined;
  const tick = () => {
    const embed = loadedEmbed();
    const shared = embed?.runtime && 'recommendations' in embed.runtime ? (embed.runtime as Runtime) : undefined;
    try {
      if (shared) {
        setRuntime(shared);
        own?.destroy();
        return;
      }
      if (embed && !own && Date.now() - started >= graceMs) {
        // Its own profile key: two profile stores saving one key would overwrite each other's snapshot.
        own = createRuntime({ affinity: embed.sdk, endpoint: location.origin, profile: { storageKey: 'demo-store-hooks-profile' } });
        setRuntime(own);
      }
    } catch (err) {
      // Widgets are an extra: the store keeps working without them.
      console.warn('[demo-store] Affinity hooks could not start:', err);
      return;
    }
    if (Date.now() - started < timeoutMs) setTimeout(tick, 50);
  };
  tick();
}

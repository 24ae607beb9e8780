import type { Affinity, ConsentState, EventData, EventType } from '@affinity/core';

/** A queued call: `['track', 'view_item', { items: [...] }]`, `['consent', 'granted']`, … */
export type Command = [name: string, ...args: unknown[]];

/**
 * The `window.affinity` object after load: it still accepts `push(command)` (so snippets written
 * for the async queue keep working) and exposes the SDK's methods directly.
 *
 * @example window.affinity.push(['track', 'search', { search_term: 'boots' }]);
 */
export function createCommandQueue(affinity: Affinity, dev = false) {
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    track: (type, data) => affinity.track(type as EventType, data as EventData | undefined),
    consent: (state) => affinity.setConsent(state as ConsentState),
    identify: (id, signature) => affinity.identify(String(id), typeof signature === 'string' ? signature : undefined),
    forget: () => affinity.forget(),
    flush: () => affinity.flush(),
  };
  const run = (cmd: unknown) => {
    if (!Array.isArray(cmd) || typeof cmd[0] !== 'string' || !commands[cmd[0]]) {
      if (dev) console.error('Affinity: unknown command', cmd, `— expected one of ${Object.keys(commands).join(', ')}`);
      return;
    }
    try {
      const r = commands[cmd[0]]!(...cmd.slice(1));
      // Async commands report their own failures; never leave an unhandled rejection in the page.
      if (r instanceof Promise) r.catch((e) => dev && console.error('Affinity:', e));
    } catch (e) {
      if (dev) console.error('Affinity:', e);
    }
  };
  return {
    push(...cmds: unknown[]): number {
      cmds.forEach(run);
      return 0;
    },
    // The SDK's own functions (none reads `this`): a wrapper would be one more call on the
    // merchant's time for every track().
    track: affinity.track,
    identify: affinity.identify,
    setConsent: affinity.setConsent,
    forget: affinity.forget,
    flush: affinity.flush,
    $consent: affinity.$consent,
    $sync: affinity.$sync,
    sdk: affinity,
  };
}

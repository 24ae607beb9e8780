import type { Affinity, ProfileStore, Runtime } from '@affinity/core';

/** What the embed puts on `window.affinity` once loaded (its command queue plus the SDK). */
export interface LoadedEmbed {
  push: (...commands: unknown[]) => unknown;
  sdk: Affinity;
  /** The widgets' shared runtime, when the embed exposes one (its profile is reused). */
  runtime?: Runtime | { profile?: ProfileStore };
}

/** The loaded embed, or `undefined` while `window.affinity` is still the pre-load queue. */
export function loadedEmbed(): LoadedEmbed | undefined {
  const a = (window as unknown as { affinity?: unknown }).affinity;
  return a && !Array.isArray(a) && typeof a === 'object' && 'sdk' in a ? (a as LoadedEmbed) : undefined;
}

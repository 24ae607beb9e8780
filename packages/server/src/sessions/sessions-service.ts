import { buildSessionIndex, toSessionIndexPayload } from '@affinity/core';
import { etagOf } from '../http/etag';
import { yieldEvery } from '../model/build-model';
import { createSiteRebuilds } from '../model/site-rebuilds';
import type { Storage } from '../storage/storage';
import { createSessionCollector, type SessionCollectorOptions } from './session-collector';

/** A built session index, serialised once per build. */
export interface BuiltSessionIndex {
  /** `JSON.stringify(toSessionIndexPayload(index))`. */
  json: string;
  /** Content hash of `json`: equal events give an equal ETag in every process. */
  etag: string;
  sessions: number;
  items: number;
  /** Epoch ms when the build finished. */
  builtAt: number;
  durationMs: number;
}

/** Options of {@link createSessionsService}. */
export interface SessionsServiceOptions extends SessionCollectorOptions {
  /** Rebuild period for every site asked for (the app uses the model's `intervalMs`). */
  intervalMs: number;
  /**
   * Most recent sessions shipped. Default 5,000: on YooChoose ~189 KB JSON / 63 KB gzip and
   * HR@20 0.626; 10,000 → 0.667, all 17,794 (~200 KB gzip) → 0.682 (see tests/eval/README.md).
   */
  maxSessions?: number;
}

/** Keeps one session index per site, rebuilt in the background like the model. */
export interface SessionsService {
  /** The current index; the first call for a site builds it, later calls never wait for a rebuild. */
  get(site: string): Promise<BuiltSessionIndex>;
  /** Rebuild now (single-flight: concurrent calls share one build). */
  rebuild(site: string): Promise<BuiltSessionIndex>;
  close(): void;
}

/**
 * Serve the `next` strategy's session index (`GET /v1/sessions`) from memory. Builds read events
 * through `scanModelEvents` in chunks, awaiting each, so ingestion keeps running meanwhile.
 *
 * @example
 * const sessions = createSessionsService(storage, { intervalMs: 60_000, maxSessions: 5000 });
 * const { json, etag } = await sessions.get('demo');
 */
export function createSessionsService(storage: Storage, options: SessionsServiceOptions): SessionsService {
  const { intervalMs, maxSessions = 5000, ...collectorOptions } = options;
  const build = async (site: string): Promise<BuiltSessionIndex> => {
    const started = performance.now();
    const collector = createSessionCollector(collectorOptions);
    await storage.scanModelEvents(site, (chunk) => collector.add(chunk));
    // Yield every 10 ms like the model build: requests wait at most that long for this CPU work.
    const index = buildSessionIndex(await collector.finish(maxSessions, yieldEvery(10)), { maxSessions });
    const json = JSON.stringify(toSessionIndexPayload(index));
    const built: BuiltSessionIndex = {
      json,
      etag: etagOf(json),
      sessions: index.ends.length,
      items: index.items.length,
      builtAt: Date.now(),
      durationMs: Math.round(performance.now() - started),
    };
    return built;
  };

  const rebuilds = createSiteRebuilds(build, { intervalMs, label: 'session index' });
  return { get: rebuilds.get, rebuild: rebuilds.rebuild, close: rebuilds.close };
}

/** Per-site results rebuilt in the background (models, session indexes). */
export interface SiteRebuilds<T> {
  /** The current result, if a build for the site has finished. */
  current(site: string): T | undefined;
  /** Replace the current result (an incremental update finished). */
  set(site: string, value: T): void;
  /** The current result; the first call for a site builds it, later calls never wait for a rebuild. */
  get(site: string): Promise<T>;
  /** Rebuild now (single-flight: concurrent calls share one build). */
  rebuild(site: string): Promise<T>;
  /** Stop the schedule. */
  close(): void;
}

/**
 * Single-flight builds per site, repeated every `intervalMs` for every site that has been
 * asked for. The timer is `unref`ed so it never keeps a process alive; a failed scheduled
 * build is logged and the previous result stays in service.
 *
 * @example
 * const indexes = createSiteRebuilds((site) => buildIndex(site), { intervalMs: 60_000, label: 'session index' });
 * const index = await indexes.get('demo');
 */
export function createSiteRebuilds<T>(build: (site: string) => Promise<T>, options: { intervalMs: number; label: string }): SiteRebuilds<T> {
  const current = new Map<string, T>();
  const building = new Map<string, Promise<T>>();

  const rebuild = (site: string): Promise<T> => {
    let running = building.get(site);
    if (!running) {
      running = build(site)
        .then((value) => {
          current.set(site, value);
          return value;
        })
        .finally(() => building.delete(site));
      building.set(site, running);
    }
    return running;
  };

  const timer = setInterval(() => {
    for (const site of current.keys()) {
      rebuild(site).catch((error: unknown) => console.error(`affinity-server: ${options.label} rebuild for "${site}" failed:`, error));
    }
  }, options.intervalMs);
  timer.unref();

  return {
    current: (site) => current.get(site),
    set: (site, value) => void current.set(site, value),
    async get(site) {
      return current.get(site) ?? rebuild(site);
    },
    rebuild,
    close: () => clearInterval(timer),
  };
}

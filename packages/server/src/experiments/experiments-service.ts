import type { AppContext } from '../app-context';
import { computeReport, type ExperimentReport } from './metrics';
import { openExperimentStore } from './open-experiment-store';
import type { ExperimentStore, SiteOverview } from './experiment-store';
import { HttpError } from '../http/respond';

const DAY = 86_400_000;

/** Shared by the experiment and dashboard routes: the store (opened on first use) and the two reads. */
export interface ExperimentsService {
  store(): Promise<ExperimentStore>;
  report(site: string, id: string, url: URL): Promise<ExperimentReport>;
  overview(site: string, url: URL): Promise<SiteOverview>;
}

/**
 * The experiments service over the app's storage. The store is opened lazily because opening
 * it on PostgreSQL is asynchronous and `createApp` is not.
 *
 * @example const service = createExperimentsService(app); await service.report('demo', 'holdout', url);
 */
export function createExperimentsService(app: AppContext): ExperimentsService {
  let opened: Promise<ExperimentStore> | undefined;
  const store = () =>
    (opened ??= openExperimentStore(app.storage).catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
  return {
    store,
    async report(site, id, url) {
      const s = await store();
      const seed = intParam(url, 'seed', 1, 0, 2 ** 31);
      const rounds = intParam(url, 'rounds', 2000, 100, 20_000);
      const [stored, rows, stats] = await Promise.all([s.getExperiment(site, id), s.experimentEvents(site, id), app.storage.stats(site)]);
      return computeReport(id, rows, { definition: stored?.definition, catalogSize: stats.products, bootstrap: { seed, rounds } });
    },
    async overview(site, url) {
      const days = intParam(url, 'days', 30, 1, 366);
      const top = intParam(url, 'top', 10, 1, 50);
      const since = (Math.floor(Date.now() / DAY) - days + 1) * DAY;
      return (await store()).overview(site, since, top);
    },
  };
}

/** An integer query parameter within bounds, or 400. @example intParam(url, 'days', 30, 1, 366) */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, `${name}: expected an integer ${min}–${max}, got "${raw}".`, name);
  return n;
}

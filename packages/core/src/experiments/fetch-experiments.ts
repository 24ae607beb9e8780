import { experimentProblem } from './assign';
import type { ExperimentDefinition } from './types';

/**
 * The site's experiment definitions from `GET /v1/experiments?site=`. Resolves `[]` on any
 * failure (offline, server error, malformed answer) — the page then runs without experiments,
 * i.e. everyone personalized — and drops definitions that do not validate.
 *
 * @example const experiments = createExperiments({ affinity, experiments: await fetchExperiments('https://api.shop.example', 'shop') });
 */
export async function fetchExperiments(endpoint: string, site: string, fetchImpl: typeof fetch = fetch, timeoutMs = 5000): Promise<ExperimentDefinition[]> {
  // Surfaces wait for the arms before rendering: a hanging server must not hold them forever.
  const ctrl = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = setTimeout(() => ctrl?.abort(), timeoutMs);
  try {
    const res = await fetchImpl(`${endpoint.replace(/\/$/, '')}/v1/experiments?site=${encodeURIComponent(site)}`, { credentials: 'omit', signal: ctrl?.signal });
    if (!res.ok) return [];
    const body = (await res.json()) as { experiments?: unknown };
    return Array.isArray(body?.experiments) ? (body.experiments.filter((d) => !experimentProblem(d)) as ExperimentDefinition[]) : [];
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ModelOptions } from './build-model';
import type { WorkerBuilt, WorkerReply, WorkerRequest } from './model-worker-protocol';

export type { WorkerBuilt } from './model-worker-protocol';

/**
 * Nice value of the worker thread (Linux): 10 gives it about a tenth of a core the request path
 * also wants, and every idle cycle, so a rebuild slows down under load instead of ingestion.
 */
const WORKER_NICE = 10;

/** One rebuild running in the worker. */
export interface WorkerBuild {
  /** Tell the build about events stored meanwhile; its result says which of them its scan read. */
  observed(ids: readonly string[]): void;
  /** Rejects when the build fails or the worker dies. */
  result: Promise<WorkerBuilt>;
}

/** A worker thread that rebuilds models from a SQLite file (see `rebuild-worker.ts`). */
export interface ModelWorker {
  build(site: string, options: Partial<ModelOptions>): WorkerBuild;
  /** Stop the worker once its current build is done. Idempotent. */
  close(): Promise<void>;
}

/**
 * Rebuild models in a worker thread with its own read-only connection to `file`. The thread is
 * started on the first build and again on the next build after it died (its builds then reject,
 * so the caller keeps serving the model it has).
 *
 * @example
 * const worker = startModelWorker('./data/affinity.sqlite');
 * const { base, state } = await worker.build('demo', {}).result;
 */
export function startModelWorker(file: string): ModelWorker {
  let worker: Worker | undefined;
  let nextId = 1;
  const running = new Map<number, { resolve(built: WorkerBuilt): void; reject(error: Error): void }>();
  let closing: Promise<void> | undefined;

  const spawn = (): Worker => {
    const w = spawnWorker(file);
    // Never what keeps a finished process alive (like the checkpointer).
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      const build = running.get(reply.id);
      running.delete(reply.id);
      if (reply.type === 'built') build?.resolve(reply);
      else build?.reject(new Error(`model rebuild failed in the worker: ${reply.message}`));
    });
    w.on('error', (error) => console.error('affinity-server: model rebuild worker failed:', error));
    w.once('exit', (code) => {
      if (worker === w) worker = undefined;
      for (const build of running.values()) build.reject(new Error(`the model rebuild worker exited (code ${code})`));
      running.clear();
    });
    return w;
  };

  return {
    build(site, options) {
      if (closing) return { observed() {}, result: Promise.reject(new Error('the model rebuild worker is closed')) };
      const w = (worker ??= spawn());
      const id = nextId++;
      const result = new Promise<WorkerBuilt>((resolve, reject) => running.set(id, { resolve, reject }));
      w.postMessage({ type: 'build', id, site, options } satisfies WorkerRequest);
      return {
        observed(ids) {
          if (running.has(id) && ids.length) w.postMessage({ type: 'observed', id, ids: ids.join('\n') } satisfies WorkerRequest);
        },
        result,
      };
    },
    close() {
      closing ??= (async () => {
        const w = worker;
        if (!w) return;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ type: 'stop' } satisfies WorkerRequest);
        await exited;
      })();
      return closing;
    },
  };
}

/**
 * The worker runs `rebuild-worker`: from the built package, the `model-rebuild-worker.js` bundle
 * beside this chunk; from TypeScript sources (tests, tsx), the `.ts` file, loaded through tsx's
 * API because Node 20 does not apply the parent's `--import tsx` hooks to a worker's entry.
 */
function spawnWorker(file: string): Worker {
  const workerData = { file, nice: WORKER_NICE };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./model-rebuild-worker.js', import.meta.url), { workerData });
  const entry = new URL('./rebuild-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** URL of tsx's ESM API, per the `exports` of its package.json (tsx is a dev dependency). */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

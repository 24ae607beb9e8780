import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// CommonJS source for the worker, passed as a string so the bundled server needs no extra entry file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.close();
});
`;

/** A running background checkpointer; `stop()` resolves once its connection is closed. */
export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Copy the WAL back into the database file from a worker thread. better-sqlite3 is synchronous,
 * so SQLite's automatic checkpoint (with its fsyncs) would stall the event loop — and every
 * request — for milliseconds each time the WAL fills; a PASSIVE checkpoint on another connection
 * runs beside the writer instead. The writer must set `wal_autocheckpoint = 0`.
 *
 * @example
 * db.pragma('wal_autocheckpoint = 0');
 * const checkpointer = startCheckpointer('./data/affinity.sqlite', 1000);
 */
export function startCheckpointer(file: string, intervalMs: number): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  worker.on('error', (error) => console.error('affinity-server: WAL checkpointer failed:', error));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Unref'd while idle so it never keeps a finished process alive; ref'd now so the process
      // waits for the final checkpoint instead of exiting with the close still pending.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

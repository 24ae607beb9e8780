import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// CommonJS source for the worker, passed as a string so the bundled server needs no extra entry file.
// A PASSIVE checkpoint never blocks the writer, but under sustained writes it never catches up
// either: the writer appends while it copies, so the WAL is never fully copied when the next
// transaction starts, SQLite never rewinds it, and it grows by gigabytes (every byte a dirty page
// the kernel must write back, until it throttles the writer). Once the WAL is over its limit a
// RESTART checkpoint makes the next transaction rewind it; it runs only after PASSIVE passes
// have left it the last few frames to copy, so the writer waits for milliseconds, not for the
// whole WAL.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => db.pragma('wal_checkpoint(' + mode + ')')[0];
const tick = () => {
  try {
    let { log, checkpointed } = checkpoint('PASSIVE');
    for (let pass = 0; pass < 4 && log > workerData.walFrames && log - checkpointed > workerData.catchUpFrames; pass++) {
      ({ log, checkpointed } = checkpoint('PASSIVE'));
    }
    // Only once nearly caught up: the writer waits while RESTART copies what is left.
    if (log > workerData.walFrames && log - checkpointed <= workerData.catchUpFrames) checkpoint('RESTART');
  } catch {}
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { checkpoint('PASSIVE'); } catch {}
  db.close();
  parentPort.close();
});
`;

/** A running background checkpointer; `stop()` resolves once its connection is closed. */
export interface Checkpointer {
  stop(): Promise<void>;
}

/** Options of {@link startCheckpointer}. */
export interface CheckpointerOptions {
  /** How often to copy the WAL into the database file. */
  intervalMs: number;
  /** WAL length, in pages, past which the writer is briefly held so the WAL can rewind. Default 8192 (32 MiB of 4 KiB pages). */
  walFrames?: number;
}

/**
 * Copy the WAL back into the database file from a worker thread. better-sqlite3 is synchronous,
 * so SQLite's automatic checkpoint (with its fsyncs) would stall the event loop — and every
 * request — for milliseconds each time the WAL fills; a PASSIVE checkpoint on another connection
 * runs beside the writer instead, and a short RESTART now and then keeps the WAL bounded (see
 * above). The writer must set `wal_autocheckpoint = 0`.
 *
 * @example
 * db.pragma('wal_autocheckpoint = 0');
 * const checkpointer = startCheckpointer('./data/affinity.sqlite', { intervalMs: 250 });
 */
export function startCheckpointer(file: string, options: CheckpointerOptions): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const walFrames = options.walFrames ?? 8192;
  const workerData = { file, driver, intervalMs: options.intervalMs, walFrames, catchUpFrames: Math.max(64, walFrames >> 5) };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
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

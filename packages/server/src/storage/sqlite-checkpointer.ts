import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// CommonJS source for the worker, passed as a string so the bundled server needs no extra entry file.
// A PASSIVE checkpoint never blocks the writer, but under sustained writes it never catches up
// either: the writer appends while it copies, so the WAL is never fully copied when the next
// transaction starts, SQLite never rewinds it, and it grows by gigabytes (every byte a dirty page
// the kernel must write back, until it throttles the writer). Once the WAL is over its limit a
// RESTART checkpoint makes the next transaction rewind it; it runs only after PASSIVE passes
// have left it the last few frames to copy, so the writer waits for milliseconds, not for the
// whole WAL. And it waits without sleeping: the worker first asks the writer's thread to hold
// its commits ('hold', answered 'held' between two of them), so RESTART finds the write lock
// free and the writer's thread never enters SQLite's busy handler, whose sleeps (1, 2, 5, 10,
// 15, 20, 25 ms…) would overshoot the checkpoint by up to 25 ms and freeze the whole thread
// meanwhile; held, the thread keeps reading and validating requests. 'release' ends the hold.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => db.pragma('wal_checkpoint(' + mode + ')')[0];
const syncFile = (name) => {
  const fd = fs.openSync(name, 'r+');
  try { fs.fdatasyncSync(fd); } finally { fs.closeSync(fd); }
};
let asked = false;
const tick = () => {
  if (asked) return;
  try {
    let { log, checkpointed } = checkpoint('PASSIVE');
    for (let pass = 0; pass < 4 && log > workerData.walFrames && log - checkpointed > workerData.catchUpFrames; pass++) {
      ({ log, checkpointed } = checkpoint('PASSIVE'));
    }
    // Only once nearly caught up: the writer is held while RESTART copies what is left.
    if (log > workerData.walFrames && log - checkpointed <= workerData.catchUpFrames) {
      // A PASSIVE pass syncs the database file only when it copies the whole WAL, which under
      // sustained writes it never does: the pages of every pass so far are still dirty, and
      // RESTART's own sync would write them all back (tens of megabytes) while the writer is
      // held. Writing them back now, beside the writer, leaves RESTART a few pages to sync.
      syncFile(workerData.file);
      syncFile(workerData.file + '-wal');
      checkpoint('PASSIVE');
      asked = true;
      parentPort.postMessage('hold');
    }
  } catch {}
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'held') {
    // RESTART also waits for readers still on the old WAL (a model rebuild worker's scan page),
    // and the writer stays held meanwhile: give them a few milliseconds, not the 5 s timeout
    // (the hold would end only at the writer's 1 s limit). If they are not done, the WAL is
    // copied but not rewound, and a later pass tries again.
    try {
      db.pragma('busy_timeout = ' + workerData.restartWaitMs);
      try { checkpoint('RESTART'); } finally { db.pragma('busy_timeout = 5000'); }
    } catch {}
    asked = false;
    parentPort.postMessage('release');
    return;
  }
  clearInterval(timer);
  try { checkpoint('PASSIVE'); } catch {}
  db.close();
  parentPort.close();
});
`;

/** Longest a RESTART waits for readers on the old WAL while the writer is held. */
const RESTART_WAIT_MS = 10;

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
  /**
   * The writer's side of the rewind: stop starting write transactions until `release` (a
   * `GroupCommit`'s hold). Without it the checkpoint contends for the write lock like any other
   * connection.
   */
  writer?: { hold(): void; release(): void };
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
  const workerData = { file, driver, intervalMs: options.intervalMs, walFrames, catchUpFrames: Math.max(64, walFrames >> 5), restartWaitMs: RESTART_WAIT_MS };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  worker.unref();
  worker.on('message', (message) => {
    if (message === 'hold') {
      // Called between two commits (better-sqlite3 is synchronous): the write lock is free now.
      options.writer?.hold();
      worker.postMessage('held');
    } else if (message === 'release') options.writer?.release();
  });
  worker.on('error', (error) => console.error('affinity-server: WAL checkpointer failed:', error));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A worker that dies mid-rewind must not leave the writer held.
  void exited.then(() => options.writer?.release());
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

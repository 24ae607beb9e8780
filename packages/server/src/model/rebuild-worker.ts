// Entry of the model rebuild worker thread (started by `model-worker.ts`): scans a site's events
// on its own read-only SQLite connection and folds them into a model, so the server's thread
// spends none of the ~4 µs per stored event a full rebuild costs. WAL lets this connection read
// while the server's connection writes.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createSqliteModelReads } from '../storage/sqlite-model-reads';
import { createLearnedBuilder } from '../embeddings/learned-builder';
import { createModelBuilder } from './build-model';
import type { WorkerBuilt, WorkerReply, WorkerRequest } from './model-worker-protocol';

// Each page is its own short read transaction (1,000 rows take about 3 ms): the checkpointer's
// RESTART waits only 10 ms for readers before leaving the WAL to a later rewind, and short
// transactions keep such misses, and the WAL growth they cause, rare.
const PAGE = 1000;

// Background work: when the cores are busy, requests go first. On Linux the nice value is per
// thread (setpriority on "process" 0 applies to the calling thread only), so this lowers this
// thread alone; elsewhere it would lower the whole server, so it is left as is.
if (process.platform === 'linux') {
  try {
    setPriority(0, (workerData as { nice: number }).nice);
  } catch {
    // Not permitted (some containers): run at the server's priority.
  }
}

const port = parentPort!;
const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const reads = createSqliteModelReads(db, PAGE);
/** Ids of events the server stored during each running build, by build id. */
const observed = new Map<number, string[]>();
let queue = Promise.resolve();

async function build({ id, site, options }: Extract<WorkerRequest, { type: 'build' }>): Promise<WorkerBuilt> {
  const started = performance.now();
  const last = reads.lastRowid();
  const builder = createModelBuilder(options);
  const learned = createLearnedBuilder();
  for (let after: number | undefined = 0; after !== undefined; ) {
    const page = reads.page(site, after, last);
    builder.add(page.events);
    learned.add(page.events);
    after = page.next;
  }
  const categories = reads.categories(site);
  const learnedParts = await learned.finish(() => {});
  const base = await builder.finish(categories, Date.now());
  // Let the ids posted while this thread was busy arrive. An event is in the scan when its row
  // is at or below `last` (rowids grow; one is reused only after the newest row was erased).
  await new Promise((resolve) => setImmediate(resolve));
  const read = (observed.get(id) ?? []).filter((eventId) => {
    const rowid = reads.rowidOf(eventId);
    return rowid !== undefined && rowid <= last;
  });
  return {
    type: 'built',
    id,
    base,
    learned: learnedParts,
    categories: [...categories],
    state: builder.state(),
    read,
    scanMs: Math.round(performance.now() - started),
  };
}

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'observed') {
    const ids = observed.get(message.id);
    if (ids) for (const eventId of message.ids.split('\n')) ids.push(eventId);
    return;
  }
  if (message.type === 'stop') {
    void queue.then(() => {
      db.close();
      port.close();
    });
    return;
  }
  const { id } = message;
  observed.set(id, []);
  // One build at a time: each reads at full speed, and a second one would only share the core.
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = await build(message);
    } catch (error) {
      reply = { type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    observed.delete(id);
    port.postMessage(reply);
  });
});

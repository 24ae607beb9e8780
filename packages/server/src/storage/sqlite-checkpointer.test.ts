import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from './sqlite';
import { startCheckpointer } from './sqlite-checkpointer';
import { testEvent } from '../testing/events';

describe('SQLite WAL checkpointer', () => {
  const file = `/tmp/affinity-ckpt-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`;
  afterEach(async () => {
    await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(file + suffix, { force: true })));
  });

  it('rewinds the WAL under sustained writes while every batch is stored once (the writer is held and released)', async () => {
    // A 64-page WAL limit: rewinds happen every few hundred kilobytes.
    const storage = createSqliteStorage({ file, checkpointMs: 5, walFrames: 64 });
    const padding = 'x'.repeat(400);
    let sent = 0;
    let walBytes = 0;
    let dbBytes = 0;
    // Keep writing (one batch a turn, as requests would) until the database file is several times
    // the WAL's length: without rewinds the WAL would hold every page ever written and outgrow it.
    for (let round = 0; round < 4000 && !(dbBytes > 4 * 1024 * 1024 && walBytes * 4 < dbBytes); round++) {
      const batch = Array.from({ length: 50 }, () => testEvent({ data: { padding } }));
      const [a, b] = await Promise.all([storage.insertEvents('demo', batch.slice(0, 25)), storage.insertEvents('demo', batch.slice(25))]);
      expect(a.accepted + b.accepted).toBe(50);
      sent += 50;
      if (round % 20 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        [walBytes, dbBytes] = await Promise.all([stat(file + '-wal'), stat(file)]).then((s) => s.map((x) => x.size));
      }
    }
    expect(walBytes * 4).toBeLessThan(dbBytes);
    expect(await storage.countEvents('demo')).toBe(sent);
    await storage.close();
  });

  it('releases the writer within milliseconds when a reader started just before the rewind (a model rebuild scanning)', async () => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    const write = db.transaction(() => {
      for (let i = 0; i < 50; i++) insert.run('x'.repeat(400));
    });
    const reader = new Database(file, { readonly: true });
    let heldAt = 0;
    let releasedAfter = -1;
    let readerOpen = false;
    const checkpointer = startCheckpointer(file, {
      intervalMs: 5,
      walFrames: 64,
      writer: {
        hold() {
          if (heldAt) return; // one rewind is enough to measure
          heldAt = performance.now();
          // A read transaction on the WAL as it is now: RESTART cannot rewind it until this ends.
          reader.prepare('BEGIN').run();
          reader.prepare('SELECT count(*) FROM t').get();
          readerOpen = true;
          setTimeout(() => {
            reader.prepare('COMMIT').run();
            readerOpen = false;
          }, 400);
        },
        release() {
          if (heldAt && releasedAfter < 0) releasedAfter = performance.now() - heldAt;
        },
      },
    });
    try {
      for (let round = 0; round < 2000 && releasedAfter < 0; round++) {
        if (!heldAt) write();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(releasedAfter).toBeGreaterThanOrEqual(0);
      expect(releasedAfter).toBeLessThan(200); // the reader stays for 400 ms; the writer is not held for it
      while (readerOpen) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await checkpointer.stop();
      reader.close();
      db.close();
    }
  });
});

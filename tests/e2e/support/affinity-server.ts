import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../../demo-store/src/serve/free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`affinity-server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`affinity-server at ${url} did not become healthy`);
}

/**
 * The real built server (`packages/server/dist/cli.js`) on a temporary SQLite file, as a
 * merchant would run it; `stop()` and `start()` simulate an outage on the same port and data.
 */
export async function startAffinityServer(extraArgs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-e2e-'));
  const db = join(dir, 'affinity.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    child = spawn(process.execPath, ['packages/server/dist/cli.js', '--port', String(port), '--host', '127.0.0.1', '--db', db, ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitHealthy(url, child);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((r) => {
      c.once('exit', () => r());
      c.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    db,
    start,
    stop,
    output: () => output,
    /** Event rows as stored, read straight from the SQLite file. */
    events(site?: string): { id: string; type: string; visitor: string; data: string }[] {
      const conn = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return conn.prepare(`SELECT id, type, visitor, data FROM events ${site ? 'WHERE site = ?' : ''} ORDER BY id`).all(...(site ? [site] : [])) as never;
      } finally {
        conn.close();
      }
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a truthy value or the time is up; returns the last value. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await check();
  while (!last && Date.now() < until) {
    await new Promise((r) => setTimeout(r, everyMs));
    last = await check();
  }
  return last;
}

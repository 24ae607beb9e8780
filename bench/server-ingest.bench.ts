// Server ingest throughput and latency: batches of 100 events, 32 connections over loopback,
// measured with autocannon against the real server (child process) and, in the same run,
// against the bare floor in bench/server-floor.ts — on SQLite and on PostgreSQL. Besides events/s
// and latency it reports CPU per stored event of the server and of autocannon itself (this process).
// Run: npx tsx bench/server-ingest.bench.ts [sqlite|postgres]   (env BENCH_SECONDS, BENCH_ROUNDS, BENCH_MODEL_INTERVAL;
// BENCH_PROFILE=<dir> writes a V8 CPU profile of every server process there: node --cpu-prof)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import postgres from 'postgres';

/** The slice of autocannon's API used here (the package ships no types). */
interface CannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  duration: number;
  latency: { p50: number; p99: number };
}
type Cannon = (options: object, done: (error: Error | null, result: CannonResult) => void) => void;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG_URL = process.env.AFFINITY_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 100;
const CONNECTIONS = 32;
const only = process.argv[2];
const PROFILE_DIR = process.env.BENCH_PROFILE;

interface Round {
  /** Server process CPU time per stored event (user + system), immune to other load on the machine. */
  cpuNsPerEvent: number;
  /**
   * CPU time of this process (autocannon) per stored event: shows whether the load generator,
   * which shares the machine's two cores with the server, could be what limits the throughput.
   */
  generatorNsPerEvent: number;
  eventsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One request body template: 100 realistic events whose ids embed a per-request counter. */
function bodyFactory(): () => string {
  const ts = Date.now();
  const types = ['view_item', 'view_item', 'view_item', 'select_item', 'add_to_cart', 'purchase'];
  const parts: string[] = [];
  let text = '{"site":"bench","events":[';
  for (let i = 0; i < BATCH; i++) {
    const item = `sku-${(i * 7919) % 5000}`;
    const event = {
      // Real ids are time-ordered ULIDs; the 10-character time prefix is filled in per request.
      id: `@${String(i).padStart(2, '0')}BENCH000000000`,
      type: types[i % types.length],
      ts: ts + i,
      visitor: `V${i % 40}`,
      session: `S${i % 40}`,
      channel: 'web',
      data: { items: [{ item_id: item, item_name: 'Trail running shoe', item_category: 'Shoes', price: 89.9, quantity: 1 }], page_location: 'https://shop.example/p/' + item },
    };
    const [before, after] = JSON.stringify(event).split('@');
    text += (i ? ',' : '') + before;
    parts.push(text);
    text = after!;
  }
  parts.push(text + ']}');
  let counter = 0;
  const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return () => {
    let n = ts + counter++;
    let time = '';
    for (let i = 0; i < 10; i++, n = Math.floor(n / 32)) time = ALPHABET[n % 32] + time;
    return parts.join(time);
  };
}

async function startChild(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { url, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function load(url: string, seconds: number, nextBody: () => string): Promise<Round> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/v1/events`,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req: object) => ({ ...req, body: nextBody() }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        const ok = result['2xx'];
        resolve({
          cpuNsPerEvent: 0,
          generatorNsPerEvent: 0,
          eventsPerSec: (ok * BATCH) / (result.duration || seconds),
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.non2xx + result.errors,
        });
      },
    );
  });
}

/** User + system CPU time of a process so far, in ms (Linux /proc; clock ticks are 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(args: string[], withModel = false): Promise<Round> {
  const { url, child } = await startChild(args);
  try {
    const nextBody = bodyFactory();
    if (withModel) await fetch(`${url}/v1/model?site=bench`);
    await load(url, 2, nextBody); // warm-up: JIT, page cache, connection pool
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const cpuBefore = cpuMs(child.pid!);
      const generatorBefore = process.cpuUsage();
      const round = await load(url, SECONDS, nextBody);
      const events = round.eventsPerSec * SECONDS;
      round.cpuNsPerEvent = ((cpuMs(child.pid!) - cpuBefore) * 1e6) / events;
      const generator = process.cpuUsage(generatorBefore);
      round.generatorNsPerEvent = ((generator.user + generator.system) * 1e3) / events;
      rounds.push(round);
      // Every round on stderr (stdout stays the JSON lines): the reported value is the median.
      console.error(`${args[0]} round ${i + 1}: ${Math.round(round.eventsPerSec)} events/s, p50 ${round.p50} ms, p99 ${round.p99} ms`);
    }
    const errors = rounds.reduce((s, r) => s + r.errors, 0);
    if (errors) console.error(`${args[0]}: ${errors} failed requests`);
    return {
      cpuNsPerEvent: median(rounds.map((r) => r.cpuNsPerEvent)),
      generatorNsPerEvent: median(rounds.map((r) => r.generatorNsPerEvent)),
      eventsPerSec: median(rounds.map((r) => r.eventsPerSec)),
      p50: median(rounds.map((r) => r.p50)),
      p99: median(rounds.map((r) => r.p99)),
      errors,
    };
  } finally {
    await stopChild(child);
  }
}

function report(engine: string, app: Round, floor: Round): void {
  const line = (metric: string, unit: string, value: number, baseline: number) =>
    console.log(JSON.stringify({ name: `server-ingest/${engine}/${metric}`, unit, value: round(value), baseline: round(baseline), ratio: round(value / baseline) }));
  line('throughput', 'events/s', app.eventsPerSec, floor.eventsPerSec);
  line('p50', 'ms', app.p50, floor.p50);
  line('p99', 'ms', app.p99, floor.p99);
  line('cpu-per-event', 'ns', app.cpuNsPerEvent, floor.cpuNsPerEvent);
  line('generator-cpu-per-event', 'ns', app.generatorNsPerEvent, floor.generatorNsPerEvent);
}
const round = (x: number) => Math.round(x * 1000) / 1000;

const CLI = 'packages/server/src/cli.ts';
const FLOOR = 'bench/server-floor.ts';
// Models are rebuilt every 10 s during the run (the first GET /v1/model starts the schedule), so
// the measured throughput pays for model updating too.
const appFlags = ['--port', '0', '--sites', 'bench=*', '--rate-ip', 'off', '--model-interval', process.env.BENCH_MODEL_INTERVAL ?? '10'];

if (!only || only === 'sqlite') {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-bench-'));
  try {
    const floor = await measure([FLOOR, join(dir, 'floor.sqlite')]);
    const app = await measure([CLI, ...appFlags, '--db', join(dir, 'app.sqlite')], true);
    report('sqlite', app, floor);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!only || only === 'postgres') {
  const sql = postgres(PG_URL, { max: 1, onnotice: () => {} });
  const schemas = [`bench_floor_${process.pid}`, `bench_app_${process.pid}`];
  try {
    const floor = await measure([FLOOR, PG_URL, schemas[0]!]);
    const app = await measure([CLI, ...appFlags, '--db', PG_URL, '--schema', schemas[1]!], true);
    report('postgres', app, floor);
  } finally {
    for (const s of schemas) await sql.unsafe(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await sql.end();
  }
}

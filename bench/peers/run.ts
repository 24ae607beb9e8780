// Affinity against the trackers merchants already use, side by side in one headless Chromium:
// sizes, load + init, per-call cost against the raw floor, all-in main-thread cost until idle,
// and a 10,000-event burst. Prints JSON lines like `npm run bench` and writes docs/benchmarks.md.
//
//   npx tsx bench/peers/run.ts [--reps 5] [--burst 10000] [--spaced 200] [--only affinity,segment] [--no-write]
//   npx tsx bench/peers/run.ts --quick [--only affinity]   # development: 1 repetition,
//                                                          # docs/benchmarks.md not written
//
// Needs a built `packages/embed/dist/affinity.js` (`npm run build`) and Debian's Chromium.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../tests/e2e/support/chromium';
import { startMerchantSite } from '../../tests/e2e/support/static';
import { bundle, bundleAdapter, PEERS, prebuiltSize, sizeOf, versionOf } from './build';
import { startBlackhole, startCollector } from './collector';
import { BURST, runScenario, SPACED, type Sample, type ScenarioKind } from './scenario';
import { rotation, spread } from './stats';
import { markdown, type Results } from './table';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function line(name: string, unit: string, value: number, baseline?: number, extra: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = { name, unit, value: Math.round(value * 100) / 100 };
  if (baseline !== undefined && baseline > 0) Object.assign(out, { baseline: Math.round(baseline * 100) / 100, ratio: Math.round((value / baseline) * 100) / 100 });
  console.log(JSON.stringify({ ...out, ...extra }));
}

// Quick mode is for development (about a minute per tracker): numbers to compare changes
// against each other, not to publish, so it never overwrites the page.
const quick = process.argv.includes('--quick');
const reps = Number(arg('reps') ?? (quick ? 1 : 5));
const burstN = Number(arg('burst') ?? BURST);
const spacedN = Number(arg('spaced') ?? SPACED);
const write = !quick && !process.argv.includes('--no-write');
const only = arg('only')?.split(',');
const peers = ['none', ...PEERS.filter((p) => !only || only.includes(p))];
const started = Date.now();

const root = mkdtempSync(join(tmpdir(), 'affinity-peers-'));
copyFileSync('bench/peers/page/index.html', join(root, 'index.html'));
await bundle('bench/peers/page/harness.ts', join(root, 'harness.js'));

// Sizes: what a merchant ships.
const sizes: Results['sizes'] = {};
sizes.affinity = { bundle: sizeOf(readFileSync('packages/embed/dist/affinity.js')) };
sizes.floor = { bundle: await bundleAdapter('floor', root) };
for (const p of PEERS) {
  if (p === 'affinity') continue;
  sizes[p] = { bundle: await bundleAdapter(p, root), prebuilt: prebuiltSize(p), version: versionOf(p) };
}
const aff = sizes.affinity.bundle;
for (const [name, s] of Object.entries(sizes)) {
  for (const k of ['gzip', 'brotli'] as const) {
    const base = name === 'affinity' ? sizes.floor!.bundle[k] : name === 'floor' ? undefined : aff[k];
    line(`peers/size/${name}/${k}`, 'B', s.bundle[k], base);
  }
}

const collector = await startCollector();
const blackhole = await startBlackhole();
// Cross-origin isolated, so performance.now() ticks at 5 µs rather than 100 µs.
const site = await startMerchantSite(root, {}, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
const browser = await launchChromium();
const env = { browser, siteUrl: site.url, collector, blackhole };
const samples: Sample[] = [];
try {
  for (let rep = 0; rep < reps; rep++) {
    for (const kind of ['burst', 'spaced'] as ScenarioKind[]) {
      for (const peer of rotation(peers, rep)) {
        const s = await runScenario(env, peer, kind, burstN, spacedN);
        if (kind === 'burst') console.error(`  ${s.calls} calls`);
        samples.push(s);
        console.error(`rep ${rep + 1}/${reps} ${kind} ${peer}: call ${s.callNs.toFixed(0)} ns (floor ${s.floorNs.toFixed(0)}; plain means ${s.callMeanNs.toFixed(0)} and ${s.floorMeanNs.toFixed(0)}), all-in ${s.taskNs.toFixed(0)} ns/event, delivered ${s.delivered} in ${s.requests} requests, waited ${s.waitedMs} ms, ${s.survived ? 'answering' : s.crashed ? 'CRASHED' : 'NOT ANSWERING'}, heap ${(s.heapPeak / 1048576).toFixed(1)} MB, renderer ${(s.rendererPeak / 1048576).toFixed(0)} MB${s.killed ? ' (KILLED by a safety cap)' : ''}${s.isolated ? '' : ', not isolated'}${s.blocked ? `, ${s.blocked} refused` : ''}`);
      }
    }
    // Written after every repetition, so an interrupted run still leaves its table.
    if (rep < reps - 1) summarize(rep + 1, false);
  }
  summarize(reps, true);
} finally {
  await browser.close();
  await site.close();
  await collector.close();
  await blackhole.close();
  rmSync(root, { recursive: true, force: true });
}

/** Aggregates the samples so far; prints the JSON lines only at the end, writes the page each time. */
function summarize(done: number, print: boolean) {
  const emit = print ? line : () => undefined;
  const of = (peer: string, kind: ScenarioKind) => samples.filter((s) => s.peer === peer && s.kind === kind);
  const noneBurst = spread(of('none', 'burst').map((s) => s.taskNs)).median;
  const noneSpaced = spread(of('none', 'spaced').map((s) => s.taskNs)).median;
  const results: Results = {
    date: new Date().toISOString().slice(0, 10),
    chromium: browser.version(),
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    reps: done,
    minutes: (Date.now() - started) / 60_000,
    load: loadavg()[0],
    sizes,
    runs: {},
  };
  for (const peer of peers) {
    const burst = of(peer, 'burst');
    const spaced = of(peer, 'spaced');
    const all = [...burst, ...spaced];
    const r = {
      readyMs: spread(all.map((s) => s.readyMs)),
      burstCall: spread(burst.map((s) => s.callNs)),
      burstFloor: spread(burst.map((s) => s.floorNs)),
      spacedCall: spread(spaced.map((s) => s.callNs)),
      spacedFloor: spread(spaced.map((s) => s.floorNs)),
      burstTask: spread(burst.map((s) => s.taskNs)),
      spacedTask: spread(spaced.map((s) => s.taskNs)),
      burstScript: spread(burst.map((s) => s.scriptNs)),
      calls: spread(burst.map((s) => s.calls)),
      delivered: spread(burst.map((s) => s.delivered)),
      spacedDelivered: spread(spaced.map((s) => s.delivered)),
      duplicates: spread(burst.map((s) => s.duplicates)),
      requests: spread(burst.map((s) => s.requests)),
      heapPeak: spread(burst.map((s) => s.heapPeak)),
      rendererPeak: spread(burst.map((s) => s.rendererPeak)),
      killed: burst.filter((s) => s.killed).length,
      survived: burst.filter((s) => s.survived).length,
      runs: burst.length,
      blocked: all.reduce((a, s) => a + s.blocked, 0),
      isolated: all.every((s) => s.isolated),
    };
    results.runs[peer] = r;
    const range = (x: { min: number; max: number }) => ({ min: Math.round(x.min * 100) / 100, max: Math.round(x.max * 100) / 100 });
    if (peer !== 'none') emit(`peers/load/${peer}`, 'ms', r.readyMs.median, undefined, range(r.readyMs));
    emit(`peers/call/${peer}/burst`, 'ns', r.burstCall.median, r.burstFloor.median, range(r.burstCall));
    emit(`peers/call/${peer}/spaced`, 'ns', r.spacedCall.median, r.spacedFloor.median, range(r.spacedCall));
    emit(`peers/all-in/${peer}/burst`, 'ns', r.burstTask.median, peer === 'none' ? undefined : noneBurst, range(r.burstTask));
    emit(`peers/all-in/${peer}/spaced`, 'ns', r.spacedTask.median, peer === 'none' ? undefined : noneSpaced, range(r.spacedTask));
    if (peer !== 'none') {
      emit(`peers/burst/${peer}/delivered`, 'events', r.delivered.median, 10_000, { ...range(r.delivered), calls: r.calls.median, survived: `${r.survived}/${r.runs}`, duplicates: r.duplicates.median });
      emit(`peers/burst/${peer}/heap-peak`, 'B', r.heapPeak.median, undefined, range(r.heapPeak));
      emit(`peers/burst/${peer}/renderer-peak`, 'B', r.rendererPeak.median, undefined, { ...range(r.rendererPeak), killed: `${r.killed}/${r.runs}` });
    }
    emit(`peers/blocked/${peer}`, 'requests', r.blocked);
  }
  if (write) {
    writeFileSync('docs/benchmarks.md', markdown(results, `npm run bench:peers${reps === 5 ? '' : ` -- --reps ${reps}`}`));
    console.error(`wrote docs/benchmarks.md (${done} of ${reps} repetitions)`);
  }
}

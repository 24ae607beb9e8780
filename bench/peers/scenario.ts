// One scenario of one tracker in a fresh browser context: load it, make the calls, wait until the
// page is idle, and read what the collector received and what the main thread spent.
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { startBlackhole, startCollector } from './collector';
import { watchRenderers } from './watchdog';

export type ScenarioKind = 'burst' | 'spaced';

/** Calls per scenario, as the issue asks: a 10,000-event burst, and 200 calls 10 ms apart. */
export const BURST = 10_000;
export const SPACED = 200;
export const GAP_MS = 10;
/** Wall-clock budget of the back-to-back calls; a tracker slower than that makes fewer calls. */
export const BURST_BUDGET_MS = 8_000;
/** Safety caps on a shared machine: renderer memory, and the wall time of one scenario. */
export const RENDERER_LIMIT = 3 * 1024 ** 3;
export const SCENARIO_LIMIT_MS = 60_000;

/** Everything one run of one scenario measured. */
export interface Sample {
  peer: string;
  kind: ScenarioKind;
  /** Calls made (fewer than asked when the burst ran out of its time budget). */
  calls: number;
  scriptMs: number;
  readyMs: number;
  /** Per call, without interruptions of the thread (see the page's harness). */
  floorNs: number;
  callNs: number;
  /** Per call, plain means over every timed call (interruptions and collections included). */
  floorMeanNs: number;
  callMeanNs: number;
  /** Main-thread task / script time from the first call until idle, per event (CDP counters). */
  taskNs: number;
  scriptNs: number;
  delivered: number;
  duplicates: number;
  requests: number;
  heapPeak: number;
  /** Peak resident memory of the page's renderer process (ps), bytes. */
  rendererPeak: number;
  /** The renderer was killed by a safety cap (memory or time). */
  killed: boolean;
  /** The page did not crash and answered a script call within 5 s after the wait. */
  survived: boolean;
  crashed: boolean;
  blocked: number;
  isolated: boolean;
  waitedMs: number;
}

interface Env {
  browser: Browser;
  siteUrl: string;
  collector: Awaited<ReturnType<typeof startCollector>>;
  blackhole: Awaited<ReturnType<typeof startBlackhole>>;
}

/** What the page's harness returns for the per-call figures. */
interface Timings {
  floorNs: number;
  peerNs: number;
  floorMeanNs: number;
  peerMeanNs: number;
}

let userAgent: string | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The page's counters; undefined when the renderer is too busy to answer within `ms`. */
async function metrics(cdp: CDPSession, ms = 60_000): Promise<Record<string, number> | undefined> {
  const read = cdp.send('Performance.getMetrics').then(({ metrics }) => Object.fromEntries(metrics.map((m) => [m.name, m.value])));
  return Promise.race([read.catch(() => undefined), sleep(ms).then(() => undefined)]);
}

/** Resolves to false if the page does not answer within `ms` (hung or crashed). */
async function responsive(page: Page, ms: number): Promise<boolean> {
  return Promise.race([page.evaluate(() => true).catch(() => false), sleep(ms).then(() => false)]);
}

/**
 * Runs one scenario under the safety caps. Idle means: every event delivered, or nothing new for `quietMs`, and at most
 * `capMs` after the calls ended (trackers that batch on a timer get that long to send).
 */
export async function runScenario(env: Env, peer: string, kind: ScenarioKind, burstN = BURST, spacedN = SPACED): Promise<Sample> {
  const watch = watchRenderers(RENDERER_LIMIT);
  let overran = false;
  const limit = setTimeout(() => ((overran = true), watch.killAll()), SCENARIO_LIMIT_MS);
  try {
    const s = await measure(env, peer, kind, burstN, spacedN);
    const { peak, killed } = watch.stop();
    return { ...s, rendererPeak: peak, killed: killed > 0 || overran, survived: s.survived && !killed && !overran };
  } catch (err) {
    // The page died under us (a cap killed it, or it crashed): what arrived still counts.
    const { peak } = watch.stop();
    const t = env.collector.tally();
    console.error(`  ${peer} ${kind}: ${(err as Error).message.split('\n')[0]}`);
    const nan = Number.NaN;
    return {
      peer, kind, calls: nan, scriptMs: nan, readyMs: nan, floorNs: nan, callNs: nan, floorMeanNs: nan, callMeanNs: nan, taskNs: nan, scriptNs: nan,
      delivered: t.delivered, duplicates: t.duplicates, requests: t.requests, heapPeak: nan, rendererPeak: peak,
      survived: false, crashed: true, killed: true, blocked: Object.values(env.blackhole.blocked()).reduce((a, b) => a + b, 0), isolated: true, waitedMs: nan,
    };
  } finally {
    clearTimeout(limit);
    watch.stop();
  }
}

async function measure(env: Env, peer: string, kind: ScenarioKind, burstN: number, spacedN: number, quietMs = 5_500, capMs = 8_000): Promise<Omit<Sample, 'rendererPeak' | 'killed'>> {
  const { browser, collector, blackhole } = env;
  collector.reset();
  blackhole.reset();
  // A shopper's Chrome, not "HeadlessChrome": some trackers (PostHog) silently drop bot traffic.
  userAgent ??= await browser.newContext().then(async (c) => {
    const ua = await c.newPage().then((p) => p.evaluate(() => navigator.userAgent));
    await c.close();
    return ua.replace('HeadlessChrome', 'Chrome');
  });
  const context = await browser.newContext({ userAgent, proxy: { server: blackhole.url, bypass: '127.0.0.1' } });
  try {
    const page = await context.newPage();
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.goto(`${env.siteUrl}/index.html`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    type Bench = {
      load(p: string, e: string): Promise<{ scriptMs: number; readyMs: number; isolated: boolean }>;
      burst(n: number, budgetMs: number): Timings & { calls: number };
      spaced(n: number, gap: number): Promise<Timings>;
    };
    const load = await page.evaluate(([p, e]) => (window as unknown as { bench: Bench }).bench.load(p!, e!), [peer, collector.url]);
    // Let start-up work (config, first page view) finish before counting.
    await sleep(500);
    let n = kind === 'burst' ? burstN : spacedN;
    let t: Timings;
    const before = (await metrics(cdp))!;
    let heapPeak = before.JSHeapUsedSize ?? 0;
    if (kind === 'burst') {
      const r = await page.evaluate(([k, b]) => (window as unknown as { bench: Bench }).bench.burst(k!, b!), [n, BURST_BUDGET_MS]);
      t = r;
      n = r.calls;
    } else {
      t = await page.evaluate(([k, g]) => (window as unknown as { bench: Bench }).bench.spaced(k!, g!), [n, GAP_MS]);
    }
    const callsEnded = Date.now();
    let last = collector.tally().delivered;
    let lastChange = Date.now();
    let after = before;
    while (!crashed) {
      after = (await metrics(cdp, 1_000)) ?? after;
      heapPeak = Math.max(heapPeak, after.JSHeapUsedSize ?? 0);
      const now = collector.tally().delivered;
      if (now !== last) (last = now), (lastChange = Date.now());
      if (now >= n && Date.now() - lastChange >= 500) break;
      // Quiet only counts once something arrived: some trackers persist a burst before sending.
      if ((now > 0 || peer === 'none') && Date.now() - lastChange >= quietMs) break;
      if (Date.now() - callsEnded >= capMs) break;
      await sleep(250);
    }
    const waitedMs = Date.now() - callsEnded;
    const survived = !crashed && (await responsive(page, 5_000));
    // A last reading once the page answers, so all-in includes work it did while unresponsive.
    if (survived) after = (await metrics(cdp, 5_000)) ?? after;
    const tally = collector.tally();
    const blocked = Object.values(blackhole.blocked()).reduce((a, b) => a + b, 0);
    return {
      peer,
      kind,
      calls: n,
      scriptMs: load.scriptMs,
      readyMs: load.readyMs,
      floorNs: t.floorNs,
      callNs: t.peerNs,
      floorMeanNs: t.floorMeanNs,
      callMeanNs: t.peerMeanNs,
      taskNs: (((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1e9) / n,
      scriptNs: (((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1e9) / n,
      delivered: tally.delivered,
      duplicates: tally.duplicates,
      requests: tally.requests,
      heapPeak,
      survived,
      crashed,
      blocked,
      isolated: load.isolated,
      waitedMs,
    };
  } finally {
    // A renderer still busy with a burst would hold the close for minutes (and keep growing):
    // crash it first.
    const closed = context.close().then(() => true, () => true);
    if (!(await Promise.race([closed, sleep(3_000).then(() => false)]))) {
      for (const p of context.pages()) await Promise.race([context.newCDPSession(p).then((c) => c.send('Page.crash')).catch(() => undefined), sleep(2_000)]);
      if (!(await Promise.race([closed, sleep(15_000).then(() => false)]))) console.error(`  ${peer}: the browser context did not close within 20 s`);
    }
  }
}

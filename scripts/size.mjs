// Size budgets per import set, gzip-compressed, measured on the built output.
// `node scripts/size.mjs` fails when a budget is exceeded; `--json` prints bench JSON lines only.
// An entry is either built `files` (gzip summed: each file travels on its own), or an import set
// (`entry`: a few lines of code importing from sources) bundled and minified here in memory with esbuild, as a merchant's bundler would.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';

// The product targets (issue 7) are 25 KB gzip for everything the drop-in loads (capture, profile,
// ranking, recommendations, promotions, all elements, Lit) and 6 KB for capture alone. The drop-in
// is split: affinity.js (capture, command queue, vitals, widgets loader), affinity-widgets.<hash>.js
// (runtime, the common elements, Lit), fetched only on pages with an <af-…> element, and
// affinity-widgets.extras-<hash>.js (lottery, share, privacy centre), fetched by the widgets chunk
// only on pages with one of those. A page with every kind of widget loads all three, so the
// target is judged on their sum, each compressed on its own as it travels. Budgets sit just above
// the sizes measured, so that nothing grows unnoticed; `target` is printed beside each so the gap
// stays visible.
const EMBED = 'packages/embed/dist';
/** The chunks `file` may load: the content-hashed names the build wrote into it. */
const chunksOf = (file, pattern) => {
  if (!existsSync(file)) return [];
  const names = new Set(readFileSync(file, 'utf8').match(pattern) ?? []);
  return [...names].map((n) => `${EMBED}/${n}`);
};
const WIDGETS = /affinity-widgets\.(?!extras-)[\w-]+\.js/g;
const EXTRAS = /affinity-widgets\.extras-[\w-]+\.js/g;
const widgets = chunksOf(`${EMBED}/affinity.js`, WIDGETS);
const extras = widgets.flatMap((w) => chunksOf(w, EXTRAS));
// The widgets budget grew 49,500 → 50,600 B (drop-in 64,500 → 65,600 B) on 2026-12-07 for
// personal widgets waiting on the stored profile, the SPA JSON-LD watcher, the holdout check of
// the snapshot writer and learned embeddings as a ranking signal. The same day the lottery, share
// and privacy-centre elements moved to the extras chunk: widgets 50,873 → 47,337 B, extras
// 5,866 B, drop-in 68,118 B (a page with every kind of widget pays ~2.3 KB for the split: two
// compressed streams, shared modules reached through the widgets chunk's exports). Later that
// day the privacy connector (plain-words profile, `explain`) left the runtime object for the
// privacy centre, which builds it itself: widgets 47,337 → 45,461 B, extras 5,866 → 7,947 B.
// Then waste left the widgets chunk (the rank context's unused items Map and second category
// tree, CSS comments, an unread Set of event types): 45,461 → 44,712 B; drop-in 67,543 B. The
// start-up split into tasks (issue 10) added 77 B to affinity.js and 22 B to the widgets chunk
// (drop-in 67,642 B). Merchant segments declared in the page for script-tag stores (the reader
// and its warnings) added 261 B to the widgets chunk: 44,995 B, drop-in 67,859 B. Reading the
// event log in pages, and only its tail for the profile (issue 10: decoding the whole log was a
// long task per reader), added 89 B to affinity.js (14,917 → 15,006 B; budget 15,000 → 15,090)
// and 13 B to the widgets chunk: drop-in 67,961 B. Keeping the IIFEs parenthesized (so V8
// compiles their bodies while streaming, off the main thread) added 5 B to affinity.js, 18 B
// to the widgets chunk and 9 B to the extras chunk: drop-in 67,993 B, budget 68,000 → 68,050.
// Merging live event items into the catalog a task later, in one batch, added 46 B to the
// widgets chunk (45,072 B): drop-in 68,041 B, budget 68,050 → 68,100. Late on 2026-12-07 the
// stored model became packed (typed arrays, lists decoded on use; issue 10: reading a real
// catalog's model back from IndexedDB was a 115–118 ms long task on every page at 4× throttle)
// and the embeddings decode got a task of its own; with one conditional-GET helper: widgets
// 45,072 → 45,817 B (budget 45,100 → 45,900), drop-in 68,794 B (budget 68,100 → 68,900).
export const budgets = [
  { name: 'affinity.js alone (capture, queue, vitals, widgets loader)', files: [`${EMBED}/affinity.js`], gzip: 15_090 },
  { name: 'affinity-widgets.*.js (runtime, common elements, Lit; pages with <af-…> only)', files: widgets, gzip: 45_900 },
  { name: 'affinity-widgets.extras-*.js (lottery, share, privacy centre; pages with one only)', files: extras, gzip: 8_050 },
  {
    name: 'drop-in, everything: affinity.js + every chunk it may load',
    files: [`${EMBED}/affinity.js`, ...widgets, ...extras],
    gzip: 68_900,
    target: 25 * 1024,
  },
  // Capture alone went 8,250 → 8,062 B on 2026-12-07 (idb-keyval's per-operation functions and
  // default database out, only the rejections of a sync answer read); the rest of the gap to the
  // target is behaviour: sync ≈ 5 KB minified, validation 2.3 KB, the composition root 4.8 KB.
  // The paged log read and `events(since)` (issue 10) added 93 B: 8,165 B, budget 8,100 → 8,200.
  {
    name: 'core capture alone (createAffinity + track)',
    entry: "import { createAffinity } from './packages/core/src/affinity.ts'; createAffinity({ site: 's' }).track('page_view');",
    gzip: 8_200,
    target: 6 * 1024,
  },
  // No budget of their own: printed so the parts of the drop-in can be compared.
  { name: 'part: elements + Lit', entry: "import { defineElements } from './packages/elements/src/define.ts'; defineElements();" },
  { name: 'part: runtime (profile, segments, rank, recommend, promotions)', entry: "import { createRuntime } from './packages/core/src/runtime/index.ts'; createRuntime({});" },
];

/** The minified files of a budget entry (one per separately fetched file). */
async function filesOf(b) {
  if (b.files) {
    if (!b.files.length) throw new Error(`size: ${b.name}: no file found; run npm run build first`);
    return b.files.map((f) => {
      if (!existsSync(f)) throw new Error(`size: ${f} is missing; run npm run build first`);
      return readFileSync(f);
    });
  }
  const out = await build({
    stdin: { contents: b.entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return [Buffer.from(out.outputFiles[0].contents)];
}

const sum = (xs) => xs.reduce((a, x) => a + x, 0);

const json = process.argv.includes('--json');
let over = 0;
for (const b of budgets) {
  let bufs;
  try {
    bufs = await filesOf(b);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  const gz = sum(bufs.map((buf) => gzipSync(buf, { level: 9 }).length));
  const br = sum(bufs.map((buf) => brotliCompressSync(buf).length));
  if (json) {
    // The baseline is the product target where there is one, so the ratio shows the gap.
    const base = b.target ?? b.gzip;
    const budget = base ? { baseline: base, ratio: +(gz / base).toFixed(3) } : {};
    console.log(JSON.stringify({ name: `size ${b.name} gzip`, unit: 'bytes', value: gz, ...budget }));
    console.log(JSON.stringify({ name: `size ${b.name} brotli`, unit: 'bytes', value: br }));
  } else {
    const ok = !b.gzip || gz <= b.gzip;
    if (!ok) over++;
    const target = b.target ? `, target ${b.target} B: ${gz <= b.target ? 'met' : 'not met'}` : '';
    console.log(`${!b.gzip ? 'info' : ok ? 'ok  ' : 'OVER'} ${b.name}: ${gz} B gzip${b.gzip ? ` (budget ${b.gzip} B${target})` : ''}, ${br} B brotli`);
  }
}
if (over) {
  console.error(`${over} size budget(s) exceeded`);
  process.exit(1);
}

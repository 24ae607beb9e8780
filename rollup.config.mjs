// One build for the whole workspace: ESM + .d.ts per package, the minified IIFE drop-in,
// and the Node server. Dependencies stay external for library builds (the merchant's bundler
// dedupes them); the IIFE inlines everything because it is loaded by a bare <script> tag.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createHash } from 'node:crypto';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const pkg = (dir) => JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
const externalsOf = (dir) => {
  const deps = Object.keys({ ...pkg(dir).dependencies, ...pkg(dir).peerDependencies });
  const node = builtinModules.flatMap((m) => [m, `node:${m}`]);
  const all = [...deps, ...node, /^@affinity\//];
  return (id) => all.some((d) => (d instanceof RegExp ? d.test(id) : id === d || id.startsWith(`${d}/`)));
};

// Browser bundles compile workspace packages from source, so they never depend on build order.
const workspaceSources = () => ({
  name: 'affinity-workspace-sources',
  resolveId(id) {
    const m = /^@affinity\/(core|elements|preact)$/.exec(id);
    return m ? this.resolve(`./packages/${m[1]}/src/index.ts`, undefined, { skipSelf: true }) : null;
  },
});

// Libraries such as nanostores keep dev-only checks behind process.env.NODE_ENV; browsers have no
// `process`, and production bundles drop those checks.
const production = () => ({
  name: 'affinity-production-env',
  transform(code) {
    return code.includes('process.env.NODE_ENV') ? { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null } : null;
  },
});

// The widgets chunk's file name carries its content hash, so an affinity.js still cached somewhere
// fetches the chunk it was built with (and its SRI hash matches), never a newer one. Each chunk
// build records its name and SRI hash; the build that loads it, which runs after it, writes both
// into the constants module it reads them from (`widgets-chunk.ts` in affinity.js,
// `extras-chunk.ts` in the widgets chunk). The last few chunks of each kind stay in dist for
// cached copies of the files that load them.
const EMBED_DIST = 'packages/embed/dist';
const KEEP_CHUNKS = 3;
const built = {};
const recordChunk = (kind, pattern) => ({
  name: `affinity-record-${kind}-chunk`,
  writeBundle(_, bundle) {
    const chunk = Object.values(bundle).find((f) => f.type === 'chunk' && f.isEntry);
    const code = readFileSync(`${EMBED_DIST}/${chunk.fileName}`);
    built[kind] = {
      file: chunk.fileName,
      integrity: `sha384-${createHash('sha384').update(code).digest('base64')}`,
      modules: Object.keys(chunk.modules).filter((id) => chunk.modules[id].renderedLength > 0),
      imports: chunk.importedBindings,
    };
    const old = readdirSync(EMBED_DIST)
      .filter((f) => pattern.test(f) && f !== chunk.fileName)
      .map((f) => ({ f, t: statSync(`${EMBED_DIST}/${f}`).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEEP_CHUNKS - 1);
    for (const { f } of old) for (const x of [f, `${f}.map`]) rmSync(`${EMBED_DIST}/${x}`, { force: true });
  },
});
/** Writes the file name and SRI hash of the chunk `kind` (built earlier in this run) into `module`'s placeholders. */
const writeChunkConstants = (kind, module, fileConst, integrityConst, placeholder) => ({
  name: `affinity-write-${kind}-chunk`,
  transform(code, id) {
    if (!id.endsWith(module)) return null;
    const chunk = built[kind];
    if (!chunk) this.error(`the ${kind} chunk must be built before the file that loads it (same rollup run)`);
    const out = code
      .replace(`${fileConst}: string = '${placeholder}'`, `${fileConst}: string = ${JSON.stringify(chunk.file)}`)
      .replace(`${integrityConst}: string = ''`, `${integrityConst}: string = ${JSON.stringify(chunk.integrity)}`);
    if (!out.includes(chunk.integrity) || !out.includes(chunk.file)) this.error(`${module} no longer has the constants this build fills in`);
    return { code: out, map: null };
  },
});

// The extras chunk (rarely placed elements) runs on pages that already run the widgets chunk and
// takes from it every module the widgets chunk holds (Lit, the runtime registry, styles, formats):
// one copy of each on the page, and the same Lit (its `nothing` and templates are identities).
// A first pass finds the modules the widgets chunk renders; the extras build refers to them as
// `AffinityWidgets.<key>`, and the widgets build exports, under those keys, exactly the bindings
// the extras chunk uses (so nothing else escapes its tree-shaking).
const WIDGETS_ENTRY = 'packages/embed/src/widgets.ts';
const browserSources = () => [workspaceSources(), nodeResolve({ browser: true, extensions: ['.ts', '.js'] }), production()];
async function modulesOfWidgets() {
  const bundle = await rollup({ input: WIDGETS_ENTRY, plugins: [...browserSources(), ts()], onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const [{ modules, code }] = output;
  return {
    modules: new Set(Object.entries(modules).flatMap(([id, m]) => (m.renderedLength > 0 ? [id] : []))),
    names: [...new Set(code.match(/[A-Za-z$][\w$]*/g))],
  };
}
const sharedKeys = new Map();
const sharedKey = (id) => {
  if (!sharedKeys.has(id)) sharedKeys.set(id, `s${sharedKeys.size}`);
  return sharedKeys.get(id);
};
const shareWithWidgets = (inWidgets) => ({
  name: 'affinity-share-with-widgets',
  async resolveId(source, importer, options) {
    if (!importer) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    return r && !r.external && inWidgets.has(r.id) ? { id: r.id, external: 'absolute' } : r;
  },
});
const exposeToExtras = () => ({
  name: 'affinity-expose-to-extras',
  transform(code, id) {
    if (!id.endsWith(WIDGETS_ENTRY)) return null;
    const extras = built.extras;
    if (!extras) this.error('the extras chunk must be built before the widgets chunk (same rollup run)');
    const lines = Object.entries(extras.imports).map(([mod, names]) => {
      const key = sharedKey(mod);
      if (names.includes('*')) return `import * as ${key} from ${JSON.stringify(mod)};\nexport { ${key} };`;
      const local = (n) => `${key}_${n === 'default' ? 'default' : n}`;
      return `import { ${names.map((n) => `${n} as ${local(n)}`).join(', ')} } from ${JSON.stringify(mod)};\nexport const ${key} = { ${names.map((n) => `${n}: ${local(n)}`).join(', ')} };`;
    });
    return { code: `${code}\n${lines.join('\n')}\n`, map: null };
  },
  generateBundle(_, bundle) {
    const chunk = Object.values(bundle).find((f) => f.type === 'chunk' && f.isEntry);
    const twice = built.extras.modules.filter((id) => chunk.modules[id]?.renderedLength > 0);
    if (twice.length) this.error(`in both the widgets and the extras chunk: ${twice.join(', ')}`);
  },
});
const ts = (opts = {}) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', ...opts });

/** ESM library build + bundled type declarations for one package. */
const library = (dir, inputs = { index: 'src/index.ts' }) => [
  {
    input: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, `${dir}/${v}`])),
    external: externalsOf(dir),
    plugins: [nodeResolve({ extensions: ['.ts', '.tsx', '.js'] }), ts()],
    output: { dir: `${dir}/dist`, format: 'es', sourcemap: true, entryFileNames: '[name].js' },
  },
  ...Object.entries(inputs).map(([name, file]) => ({
    input: `${dir}/${file}`,
    external: externalsOf(dir),
    plugins: [dts({ tsconfig: 'tsconfig.json', compilerOptions: { noEmit: false } })],
    output: { file: `${dir}/dist/${name}.d.ts`, format: 'es' },
  })),
];

const minify = (nameCache, reserved = []) =>
  terser({
    ecma: 2020,
    module: false,
    compress: { passes: 2 },
    mangle: { properties: { regex: /^_/, reserved } },
    // `(function(){…})()`, not `function(){…}()`: V8 compiles a parenthesized function eagerly,
    // on the background thread that streams the script; unwrapped, the whole chunk's body was
    // compiled lazily on the main thread when the IIFE ran, inside the task that ran the script.
    format: { comments: false, wrap_iife: true },
    ...(nameCache && { nameCache }),
  });
// The extras chunk's elements subclass Lit and SafeElement from the widgets chunk, so a private
// (`_…`) member renamed in one chunk must match, and never clash with, the names of the other:
// one name cache for both gives every `_…` name one short form, distinct from all others, and
// the extras chunk never takes for one a name the widgets chunk already uses (Lit ships with
// its own members renamed to short names).
const widgetsNames = {};

const widgets = await modulesOfWidgets();

export default [
  ...library('packages/core'),
  ...library('packages/elements'),
  ...library('packages/preact'),
  // The drop-in is affinity.js (capture, command queue, vitals, the widgets loader),
  // affinity-widgets.<hash>.js (runtime, the common elements, Lit), fetched only on pages with an
  // <af-…> element, and affinity-widgets.extras-<hash>.js (rarely placed elements), fetched by the
  // widgets chunk only on pages with one of those. Each is built before the file that loads it,
  // which carries its file name and SRI hash.
  {
    input: 'packages/embed/src/widgets-extras.ts',
    treeshake: { moduleSideEffects: (_, external) => !external },
    plugins: [
      shareWithWidgets(widgets.modules),
      ...browserSources(),
      ts(),
      minifyTemplates({ include: /packages\/elements\/src\// }),
      minify(widgetsNames, widgets.names),
      recordChunk('extras', /^affinity-widgets\.extras-[\w-]+\.js$/),
    ],
    output: {
      dir: EMBED_DIST,
      entryFileNames: 'affinity-widgets.extras-[hash].js',
      format: 'iife',
      name: 'AffinityWidgetsExtras',
      globals: (id) => `AffinityWidgets.${sharedKey(id)}`,
      sourcemap: true,
    },
  },
  {
    input: WIDGETS_ENTRY,
    plugins: [
      exposeToExtras(),
      writeChunkConstants('extras', 'extras-chunk.ts', 'EXTRAS_FILE', 'EXTRAS_INTEGRITY', 'affinity-widgets.extras.js'),
      ...browserSources(),
      ts(),
      minifyTemplates({ include: /packages\/elements\/src\// }),
      minify(widgetsNames),
      recordChunk('widgets', /^affinity-widgets\.(?!extras-)[\w-]+\.js$/),
    ],
    output: { dir: EMBED_DIST, entryFileNames: 'affinity-widgets.[hash].js', format: 'iife', name: 'AffinityWidgets', sourcemap: true },
  },
  {
    input: 'packages/embed/src/index.ts',
    plugins: [
      ...browserSources(),
      writeChunkConstants('widgets', 'widgets-chunk.ts', 'WIDGETS_FILE', 'WIDGETS_INTEGRITY', 'affinity-widgets.js'),
      ts(),
      minify(),
    ],
    output: {
      file: 'packages/embed/dist/affinity.js',
      format: 'iife',
      name: 'AffinityEmbed',
      sourcemap: true,
    },
  },
  // The before-first-paint script for <af-ranked-list> (a sync <head> script; keep it tiny).
  {
    input: 'packages/embed/src/early.ts',
    plugins: [ts(), minify()],
    output: { file: 'packages/embed/dist/affinity-early.js', format: 'iife' },
  },
  {
    // The model rebuild worker is its own entry: `model-worker.ts` starts it from the file beside its chunk.
    input: { index: 'packages/server/src/index.ts', cli: 'packages/server/src/cli.ts', 'model-rebuild-worker': 'packages/server/src/model/rebuild-worker.ts' },
    external: externalsOf('packages/server'),
    plugins: [nodeResolve({ extensions: ['.ts', '.js'], preferBuiltins: true }), ts({ target: 'node20' })],
    output: {
      dir: 'packages/server/dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    },
  },
  {
    input: 'packages/server/src/index.ts',
    external: externalsOf('packages/server'),
    plugins: [dts({ tsconfig: 'tsconfig.json', compilerOptions: { noEmit: false } })],
    output: { file: 'packages/server/dist/index.d.ts', format: 'es' },
  },
  // The demo store's browser app (Preact), served by the backend with affinity.js.
  ...(existsSync('demo-store/src/main.tsx')
    ? [
        {
          input: 'demo-store/src/main.tsx',
          plugins: [
            workspaceSources(),
            nodeResolve({ browser: true, extensions: ['.ts', '.tsx', '.js'] }),
            production(),
            ts({ jsx: 'automatic', jsxImportSource: 'preact' }),
            minify(),
          ],
          output: { dir: 'demo-store/dist', format: 'es', sourcemap: true, entryFileNames: 'app.js', chunkFileNames: '[name]-[hash].js' },
        },
      ]
    : []),
];

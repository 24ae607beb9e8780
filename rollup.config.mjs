// One build for the whole workspace: ESM + .d.ts per package, the minified IIFE drop-in,
// and the Node server. Dependencies stay external for library builds (the merchant's bundler
// dedupes them); the IIFE inlines everything because it is loaded by a bare <script> tag.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createHash } from 'node:crypto';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
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
// fetches the chunk it was built with (and its SRI hash matches), never a newer one. The chunk
// build records its name and SRI hash here; the affinity.js build, which runs after it, writes
// both into `widgets-chunk.ts`. The last few chunks stay in dist for cached copies of affinity.js.
const EMBED_DIST = 'packages/embed/dist';
const KEEP_CHUNKS = 3;
let widgetsChunk;
const recordWidgetsChunk = () => ({
  name: 'affinity-record-widgets-chunk',
  writeBundle(_, bundle) {
    const chunk = Object.values(bundle).find((f) => f.type === 'chunk' && f.isEntry);
    const code = readFileSync(`${EMBED_DIST}/${chunk.fileName}`);
    widgetsChunk = { file: chunk.fileName, integrity: `sha384-${createHash('sha384').update(code).digest('base64')}` };
    const old = readdirSync(EMBED_DIST)
      .filter((f) => /^affinity-widgets\.[\w-]+\.js$/.test(f) && f !== chunk.fileName)
      .map((f) => ({ f, t: statSync(`${EMBED_DIST}/${f}`).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEEP_CHUNKS - 1);
    for (const { f } of old) for (const x of [f, `${f}.map`]) rmSync(`${EMBED_DIST}/${x}`, { force: true });
  },
});
const writeWidgetsChunk = () => ({
  name: 'affinity-write-widgets-chunk',
  transform(code, id) {
    if (!id.endsWith('widgets-chunk.ts')) return null;
    if (!widgetsChunk) this.error('the widgets chunk must be built before affinity.js (same rollup run)');
    const out = code
      .replace("WIDGETS_FILE: string = 'affinity-widgets.js'", `WIDGETS_FILE: string = ${JSON.stringify(widgetsChunk.file)}`)
      .replace("WIDGETS_INTEGRITY: string = ''", `WIDGETS_INTEGRITY: string = ${JSON.stringify(widgetsChunk.integrity)}`);
    if (!out.includes(widgetsChunk.integrity) || !out.includes(widgetsChunk.file)) this.error('widgets-chunk.ts no longer has the constants this build fills in');
    return { code: out, map: null };
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

const minify = () =>
  terser({
    ecma: 2020,
    module: false,
    compress: { passes: 2 },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

export default [
  ...library('packages/core'),
  ...library('packages/elements'),
  ...library('packages/preact'),
  // The drop-in is two files: affinity.js (capture, command queue, vitals, the widgets loader) and
  // affinity-widgets.js (runtime, elements, Lit), fetched only on pages with an <af-…> element.
  // The chunk is built first: affinity.js carries its file name and SRI hash.
  {
    input: 'packages/embed/src/widgets.ts',
    plugins: [
      workspaceSources(),
      nodeResolve({ browser: true, extensions: ['.ts', '.js'] }),
      production(),
      ts(),
      minifyTemplates({ include: /packages\/elements\/src\// }),
      minify(),
      recordWidgetsChunk(),
    ],
    output: { dir: EMBED_DIST, entryFileNames: 'affinity-widgets.[hash].js', format: 'iife', name: 'AffinityWidgets', sourcemap: true },
  },
  {
    input: 'packages/embed/src/index.ts',
    plugins: [workspaceSources(), nodeResolve({ browser: true, extensions: ['.ts', '.js'] }), production(), writeWidgetsChunk(), ts(), minify()],
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
    input: { index: 'packages/server/src/index.ts', cli: 'packages/server/src/cli.ts' },
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

// Bundles each peer's npm entry for the browser as a merchant's bundler would (esbuild,
// minified, one IIFE), and measures what a merchant ships: gzip and brotli of each file.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The trackers compared, in table order; `affinity` is the built drop-in, `none` the bare page. */
export const PEERS = ['affinity', 'snowplow', 'segment', 'posthog', 'algolia', 'amplitude'] as const;
export type PeerName = (typeof PEERS)[number];

/** Each peer's package and its own prebuilt browser file, sized for reference only. */
export const PACKAGES: Record<Exclude<PeerName, 'affinity'>, { pkg: string; prebuilt: string }> = {
  snowplow: { pkg: '@snowplow/browser-tracker', prebuilt: 'dist/index.umd.min.js' },
  segment: { pkg: '@segment/analytics-next', prebuilt: 'dist/umd/standalone.js' },
  posthog: { pkg: 'posthog-js', prebuilt: 'dist/array.js' },
  algolia: { pkg: 'search-insights', prebuilt: 'dist/search-insights.min.js' },
  amplitude: { pkg: '@amplitude/analytics-browser', prebuilt: 'lib/scripts/amplitude-min.umd.js' },
};

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * Compressed sizes the way a CDN serves them (gzip -9, brotli q11).
 * @example sizeOf(readFileSync('packages/embed/dist/affinity.js')).gzip
 */
export function sizeOf(bytes: Buffer): Size {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
  };
}

/**
 * Bundles `bench/peers/adapters/<name>.ts` to `<outDir>/<name>.js` (IIFE, minified, browser
 * conditions, production defines) and returns the bundle's sizes.
 * @example await bundleAdapter('segment', '/tmp/peers')
 */
export async function bundleAdapter(name: string, outDir: string): Promise<Size> {
  return bundle(join('bench/peers/adapters', `${name}.ts`), join(outDir, `${name}.js`));
}

/**
 * Bundles one browser entry to `outfile` (IIFE, minified) and returns its sizes.
 * @example await bundle('bench/peers/page/harness.ts', '/tmp/peers/harness.js')
 */
export async function bundle(entry: string, outfile: string): Promise<Size> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'error',
  });
  return sizeOf(readFileSync(outfile));
}

/** Sizes of each peer's own prebuilt browser file (what a `<script>` tag from its CDN loads first). */
export function prebuiltSize(name: Exclude<PeerName, 'affinity'>): Size {
  const { pkg, prebuilt } = PACKAGES[name];
  return sizeOf(readFileSync(join('node_modules', pkg, prebuilt)));
}

/** Installed version of a peer's package, for the table. */
export function versionOf(name: Exclude<PeerName, 'affinity'>): string {
  return (JSON.parse(readFileSync(join('node_modules', PACKAGES[name].pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// Tests import packages by name; point the names at sources so no build is needed for unit tests.
const alias = {
  '@affinity/core': src('./packages/core/src/index.ts'),
  '@affinity/elements': src('./packages/elements/src/index.ts'),
  '@affinity/preact': src('./packages/preact/src/index.ts'),
  '@affinity/server': src('./packages/server/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/{core,elements,embed,preact}/src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}', 'tests/eval/**/*.test.ts', 'demo-store/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/setup/browser.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: these machines have two cores.
          fileParallelism: false,
          // A real browser on a shared two-core machine can miss a frame; CI retries a failed
          // browser test once (and vitest reports it as retried) rather than lose a whole run to it.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});

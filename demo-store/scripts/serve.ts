/**
 * Serves the demo store without the Affinity server's static hosting (development, e2e):
 *   npx tsx demo-store/scripts/serve.ts [--port 8080] [--api http://127.0.0.1:8787]
 * Build first: `npx tsx demo-store/scripts/build-catalog.ts` and `npm run build`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoStore } from '../src/serve/dev-server';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg('port') ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0–65535, got ${arg('port')}`);
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const store = await startDemoStore({ port, api: arg('api'), root });
console.log(`demo store on ${store.url}${arg('api') ? ` (API → ${arg('api')})` : ' (no API: events stay in the browser)'}`);

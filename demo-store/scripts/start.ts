/**
 * `npm start`: the Affinity server on SQLite (serving the store's files, the API and the admin
 * dashboard) behind the demo shop's own front on http://localhost:8787, which adds the shop's
 * checkout (`POST /shop/orders`: prices the order, redeems the coupon and earns points
 * server-to-server with the secret key, which never reaches a browser).
 *
 *   npx tsx demo-store/scripts/start.ts [--port 8787]   (AFFINITY_ADMIN_KEY to fix the key)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startMerchantFront } from '../src/merchant/front';
import { catalogPrices, demoServerArgs } from '../src/serve/demo-server-args';
import { freePort } from '../src/serve/free-port';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const port = Number(arg('port', '8787'));
const adminKey = process.env.AFFINITY_ADMIN_KEY || randomBytes(24).toString('base64url');
const internal = await freePort();
const upstream = `http://127.0.0.1:${internal}`;
// The same server a merchant runs; only the front below is public.
const server = spawn(
  process.execPath,
  ['packages/server/dist/cli.js', '--port', String(internal), '--host', '127.0.0.1', '--db', './data/affinity.sqlite', ...demoServerArgs()],
  { stdio: 'inherit', env: { ...process.env, AFFINITY_ADMIN_KEY: adminKey } },
);
server.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));

const until = Date.now() + 60_000;
for (;;) {
  if (await fetch(`${upstream}/v1/health`).then((r) => r.ok, () => false)) break;
  if (Date.now() > until) throw new Error('the Affinity server did not start within 60 s');
  await new Promise((r) => setTimeout(r, 200));
}
const front = await startMerchantFront({ upstream, port, host: '127.0.0.1', site: 'demo', adminKey, priceOf: catalogPrices() });
const url = front.url.replace('127.0.0.1', 'localhost');
console.log(`demo store: ${url}  (QA panel: ${url}/?qa=1)`);
console.log(`admin dashboard: ${url}/admin/  admin key: ${adminKey}`);

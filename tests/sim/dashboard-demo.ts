/**
 * A server filled with the simulation's shoppers, to look at the admin dashboard:
 *
 *   npx tsx tests/sim/dashboard-demo.ts [--port 8799] [--sessions 1500] [--screenshot out.png]
 *
 * Held-out YooChoose sessions are replayed (core `next` vs popular, 90/10 holdout) and stored as
 * the SDK would send them, moved to the last days so the dashboard's window shows them. The data
 * set has clicks only, so carts and purchases are added deterministically after some widget
 * clicks (a demo convenience, not part of the validation in run.ts). Admin key: demo-admin-key-0000.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { hash32, ulid, type AffinityEvent, type EventType } from '../../packages/core/src';
import { createApp } from '../../packages/server/src/app';
import { createSqliteStorage } from '../../packages/server/src/storage/sqlite';
import { datasetsDir } from '../eval/datasets';
import { readSessions } from '../eval/sessions';
import { fitRecommenders } from './replay';
import { eventsFor, replayAll } from './simulate';

const ADMIN = 'demo-admin-key-0000';
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const dir = join(datasetsDir(), 'yoochoose-100k');
const recs = fitRecommenders(readSessions(join(dir, 'train.tsv')));
const test = readSessions(join(dir, 'test.tsv')).slice(0, Number(arg('sessions') ?? 1500));
const definition = { id: 'holdout' };
const rows = eventsFor(replayAll(test, { personalized: recs.personalized, control: recs.popular }, 10), definition);

// Shift the two days of data to end now, spread over a week so the time chart has a shape.
const first = Math.min(...rows.map((r) => r.ts));
const last = Math.max(...rows.map((r) => r.ts));
const week = 7 * 86_400_000;
const when = (ts: number) => Date.now() - week + Math.round(((ts - first) / Math.max(1, last - first)) * (week - 60_000));
const events: AffinityEvent[] = [];
const push = (visitor: string, type: EventType, ts: number, data: AffinityEvent['data']) =>
  events.push({ id: ulid(ts), type, ts, visitor, session: `s-${visitor}`, channel: 'web', data });
for (const r of rows) {
  const ts = when(r.ts);
  push(r.visitor, r.type as EventType, ts, r.data);
  if (r.type === 'select_item') {
    const item = r.data.items![0]!.item_id;
    push(r.visitor, 'view_item', ts + 1, { items: [{ item_id: item, item_name: `Item ${item}` }] });
    const roll = hash32(`${r.visitor}:${item}`) % 100;
    if (roll < 30) push(r.visitor, 'add_to_cart', ts + 2, { items: [{ item_id: item, quantity: 1 }] });
    if (roll < 12) push(r.visitor, 'purchase', ts + 3, { value: 10 + (roll % 9) * 10, transaction_id: `t-${r.visitor}-${item}`, items: [{ item_id: item }] });
  }
}

const storage = createSqliteStorage({ file: ':memory:' });
for (let i = 0; i < events.length; i += 1000) await storage.insertEvents('demo', events.slice(i, i + 1000));
const app = createApp({ storage, config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN } });
const server = createServer(app.handler);
await new Promise<void>((resolve) => server.listen(Number(arg('port') ?? 8799), '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
await fetch(`${url}/v1/admin/experiments?site=demo`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(definition) });
console.log(`${events.length} events stored; dashboard at ${url}/admin/ (site "demo", key "${ADMIN}")`);

const screenshot = arg('screenshot');
if (screenshot) {
  const { launchChromium } = await import('../e2e/support/chromium');
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1560, height: 1400 } });
  await page.goto(`${url}/admin/`);
  await page.fill('input[name=key]', ADMIN);
  await page.click('button');
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Updated') || document.getElementById('status')?.className === 'error');
  console.log('status:', await page.textContent('#status'));
  await page.screenshot({ path: screenshot, fullPage: true });
  await browser.close();
  server.close();
  await app.close();
  await storage.close();
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CAMPAIGNS = 'demo-store/campaigns.json';
const HOUR = 3_600_000;

/**
 * How `npm start` runs the Affinity server for the demo store: its files, catalog and campaigns.
 * The campaigns are `demo-store/campaigns.json` with every flash sale moved to a window around
 * `now` (see {@link liveFlashSales}), written to a temporary file the server loads.
 *
 * @example spawn('node', ['packages/server/dist/cli.js', ...demoServerArgs()]);
 */
export function demoServerArgs(now = Date.now()): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'affinity-demo-')), 'campaigns.json');
  writeFileSync(file, JSON.stringify(liveFlashSales(JSON.parse(readFileSync(CAMPAIGNS, 'utf8')), now), null, 2));
  return [
    '--catalog', 'demo-store/public/catalog.json', '--campaigns', file,
    '--static', '/=demo-store/dist', '--static', '/=demo-store/public', '--static', '/=packages/embed/dist',
    '--fallback', 'demo-store/public/index.html',
  ];
}

/**
 * The campaigns file with each flash sale running from an hour before `now` until eight to nine
 * hours after it (the next full hour + 8 h): a store that starts the demo sees a sale that is on,
 * counting down in hours as a real one would, rather than the file's fixed dates (years away, so
 * the countdown read "1485 d", or in the past, so the banner was gone).
 *
 * @example liveFlashSales({ demo: { flashSales: [sale] } }, Date.now()).demo.flashSales[0].endsAt
 */
export function liveFlashSales<T extends Record<string, { flashSales?: { startsAt: string; endsAt: string }[] }>>(sites: T, now: number): T {
  const startsAt = new Date(now - HOUR).toISOString();
  const endsAt = new Date((Math.floor(now / HOUR) + 9) * HOUR).toISOString();
  const out: Record<string, unknown> = {};
  for (const [site, defs] of Object.entries(sites)) {
    out[site] = defs.flashSales ? { ...defs, flashSales: defs.flashSales.map((s) => ({ ...s, startsAt, endsAt })) } : defs;
  }
  return out as T;
}

/**
 * The shop's own price list (its catalog file), which its checkout prices orders from.
 *
 * @example const priceOf = catalogPrices(); priceOf('22423') // 12.75
 */
export function catalogPrices(file = 'demo-store/public/catalog.json'): (id: string) => number | undefined {
  const prices = new Map((JSON.parse(readFileSync(file, 'utf8')) as { id: string; price: number }[]).map((p) => [p.id, p.price]));
  return (id) => prices.get(id);
}

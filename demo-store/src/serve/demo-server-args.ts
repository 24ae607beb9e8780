import { readFileSync } from 'node:fs';

/** How `npm start` runs the Affinity server for the demo store: its files, catalog and campaigns. */
export const DEMO_SERVER_ARGS = [
  '--catalog', 'demo-store/public/catalog.json', '--campaigns', 'demo-store/campaigns.json',
  '--static', '/=demo-store/dist', '--static', '/=demo-store/public', '--static', '/=packages/embed/dist',
  '--fallback', 'demo-store/public/index.html',
];

/**
 * The shop's own price list (its catalog file), which its checkout prices orders from.
 *
 * @example const priceOf = catalogPrices(); priceOf('22423') // 12.75
 */
export function catalogPrices(file = 'demo-store/public/catalog.json'): (id: string) => number | undefined {
  const prices = new Map((JSON.parse(readFileSync(file, 'utf8')) as { id: string; price: number }[]).map((p) => [p.id, p.price]));
  return (id) => prices.get(id);
}

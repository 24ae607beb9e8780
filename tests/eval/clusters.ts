/**
 * Validation of behavioural clustering on UCI Online Retail customers (issue 12):
 * `npx tsx tests/eval/clusters.ts [--json]`.
 *
 * Each clean customer gets a purchase-only profile from core's `buildProfile` (one `purchase`
 * event per invoice, keyword categories from `clusters-categories.ts`, RFM thresholds at the
 * customers' quintiles as in Chen, Sain & Guo 2012), is turned into core's cluster features and
 * clustered by the server's `buildClusters` exactly as synced profiles are. Prints cluster sizes
 * and labels, silhouette per candidate k (a 2,000-point sample, as the server does) and of the
 * chosen k on every point, and the contingency table of clusters × RFM segments.
 */
import { behaviourFeatures, categoryFeatures, topCategoryShares } from '../../packages/core/src/clusters/features';
import { buildProfile } from '../../packages/core/src/profile/build-profile';
import type { RfmSegment } from '../../packages/core/src/profile/types';
import type { AffinityEvent } from '../../packages/core/src/types';
import { buildClusters, type ClusterInput } from '../../packages/server/src/clusters/build-clusters';
import { silhouette } from '../../packages/server/src/clusters/silhouette';
import { retailCategory } from './clusters-categories';
import { readOnlineRetail, type RetailLine } from './retail-data';

const DAY = 86_400_000;

interface Invoice {
  id: string;
  time: number;
  lines: RetailLine[];
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const started = performance.now();
  const lines = await readOnlineRetail();
  const byCustomer = new Map<string, Map<string, Invoice>>();
  let last = 0;
  for (const l of lines) {
    last = Math.max(last, l.time);
    let invoices = byCustomer.get(l.customer);
    if (!invoices) byCustomer.set(l.customer, (invoices = new Map()));
    let inv = invoices.get(l.invoice);
    if (!inv) invoices.set(l.invoice, (inv = { id: l.invoice, time: l.time, lines: [] }));
    inv.lines.push(l);
  }
  // "Now" is the day after the last invoice, as in the RFM literature on this data set.
  const now = Date.UTC(new Date(last).getUTCFullYear(), new Date(last).getUTCMonth(), new Date(last).getUTCDate() + 1);
  const customers = [...byCustomer.keys()].sort();
  const rfm = quintileThresholds(customers.map((c) => [...byCustomer.get(c)!.values()]), now);
  const readMs = performance.now() - started;

  const t1 = performance.now();
  const profiles = customers.map((c) => buildProfile(purchaseEvents(c, [...byCustomer.get(c)!.values()]), { now: () => now, rfm }));
  const profileMs = performance.now() - t1;

  const t2 = performance.now();
  const inputs: ClusterInput[] = profiles.map((p) => ({ shares: topCategoryShares(p, now), behaviour: behaviourFeatures(p) }));
  const build = await buildClusters(inputs, now, { seed: 1, silhouetteSample: 2000 });
  const clusterMs = performance.now() - t2;
  const points = inputs.map((x) => [...categoryFeatures(x.shares, build.model.categories), ...x.behaviour]);
  const fullSilhouette = silhouette(points, build.assignments);

  const segments = [...new Set(profiles.map((p) => p.rfm.segment))].sort() as RfmSegment[];
  const table = build.model.clusters.map((_, c) => segments.map((s) => profiles.filter((p, i) => build.assignments[i] === c && p.rfm.segment === s).length));
  const result = {
    dataset: 'online-retail',
    customers: profiles.length,
    now: new Date(now).toISOString().slice(0, 10),
    rfmThresholds: rfm,
    categories: build.model.categories,
    k: build.k,
    candidates: build.candidates.map((c) => ({ k: c.k, silhouette: round(c.silhouette) })),
    silhouetteSample: round(build.silhouette),
    silhouetteAll: round(fullSilhouette),
    clusters: build.model.clusters.map((c, i) => ({ id: c.id, label: c.label, size: build.sizes[i]! })),
    segments,
    contingency: table,
    purity: round(table.reduce((sum, row) => sum + Math.max(...row), 0) / profiles.length),
    ms: { read: Math.round(readMs), profiles: Math.round(profileMs), cluster: Math.round(clusterMs) },
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`# online-retail: ${result.customers} customers, profiles as of ${result.now}`);
  console.log(`RFM quintile thresholds: ${JSON.stringify(rfm)}`);
  console.log(`categories (dimensions): ${result.categories.join(', ')}\n`);
  console.log('| k | silhouette (2,000 sample) |\n|---|---|');
  for (const c of result.candidates) console.log(`| ${c.k}${c.k === result.k ? ' (chosen)' : ''} | ${c.silhouette} |`);
  console.log(`\nsilhouette of k=${result.k} on all ${result.customers} customers: ${result.silhouetteAll}\n`);
  console.log(`| cluster | label | size | ${segments.join(' | ')} |`);
  console.log(`|---|---|---|${segments.map(() => '---|').join('')}`);
  result.clusters.forEach((c, i) => console.log(`| ${c.id} | ${c.label} | ${c.size} | ${table[i]!.join(' | ')} |`));
  console.log(`\npurity (share of customers in their cluster's most common RFM segment): ${result.purity}`);
  console.log(`time: read ${result.ms.read} ms, profiles ${result.ms.profiles} ms, clustering ${result.ms.cluster} ms`);
}

/** One purchase event per invoice, with keyword categories and the line prices. */
function purchaseEvents(customer: string, invoices: readonly Invoice[]): AffinityEvent[] {
  return [...invoices]
    .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1))
    .map((inv) => ({
      id: inv.id,
      type: 'purchase',
      ts: inv.time,
      visitor: customer,
      session: inv.id,
      channel: 'web',
      data: {
        transaction_id: inv.id,
        currency: 'GBP',
        value: inv.lines.reduce((sum, l) => sum + l.quantity * l.price, 0),
        items: inv.lines.map((l) => ({ item_id: l.item, item_name: l.title, item_category: retailCategory(l.title), price: l.price, quantity: l.quantity })),
      },
    }));
}

/** RFM score boundaries at the 20/40/60/80th percentiles of the customers (recency ascending in days). */
function quintileThresholds(customers: readonly Invoice[][], now: number) {
  const recency = customers.map((inv) => (now - Math.max(...inv.map((i) => i.time))) / DAY);
  const frequency = customers.map((inv) => inv.length);
  const monetary = customers.map((inv) => inv.reduce((s, i) => s + i.lines.reduce((t, l) => t + l.quantity * l.price, 0), 0));
  const q = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return [0.2, 0.4, 0.6, 0.8].map((p) => round(s[Math.floor(p * (s.length - 1))]!)) as [number, number, number, number];
  };
  // Frequency is a count: "at least the quintile + 1 orders" keeps one-order customers at score 1.
  return { recencyDays: q(recency), frequency: q(frequency).map((x, i, a) => Math.max(x + (i === 0 ? 1 : 0), i ? a[i - 1]! : 0)) as [number, number, number, number], monetary: q(monetary) };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

await main();

// demo-store/campaigns.json (loaded by `affinity-server --campaigns`) through the server's own
// loader, and checked against what the demo is meant to show QA.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyProfile, matchesTarget } from '@affinity/core';
import { parseDefinitions } from '../../packages/server/src/campaigns/campaign.schema';
import { demoServerArgs } from './serve/demo-server-args';
import { FEATURED_SALE_PRODUCT } from './widgets/featured-sale';

const defs = parseDefinitions(JSON.parse(readFileSync('demo-store/campaigns.json', 'utf8'))).demo!;
const byId = (id: string) => defs.campaigns.find((c) => c.id === id)!;

describe('demo campaigns file', () => {
  it('passes the server loader with one campaign of each kind the demo shows', () => {
    expect(defs.campaigns.map((c) => [c.id, c.kind]).sort()).toEqual([
      ['bargain15', 'percentage'],
      ['spend-more', 'threshold'],
      ['welcome10', 'welcome'],
      ['winback5', 'fixed'],
    ]);
    expect(byId('bargain15').target?.priceSensitivity).toEqual(['high']);
    expect(byId('winback5').target?.rfm).toContain('at_risk');
  });

  it('ranks the welcome offer above the generic ones, and the win-back above all', () => {
    const priority = (id: string) => byId(id).priority ?? 0;
    expect(priority('winback5')).toBeGreaterThan(priority('welcome10'));
    expect(priority('welcome10')).toBeGreaterThan(priority('bargain15'));
    expect(priority('bargain15')).toBeGreaterThan(priority('spend-more'));
  });

  it('targets the welcome offer at a brand-new visitor and the threshold offer only at buyers', () => {
    const fresh = { now: Date.now(), profile: emptyProfile() };
    expect(matchesTarget(byId('welcome10').target, fresh)).toBe(true);
    expect(matchesTarget(byId('spend-more').target, fresh)).toBe(false);
    expect(matchesTarget(byId('spend-more').target, { ...fresh, profile: { ...emptyProfile(), lifecycle: 'first_time_buyer' } })).toBe(true);
  });

  it('runs a flash sale when the shop starts on the home page’s featured product, ending within hours, with little stock and one per shopper', () => {
    const now = Date.parse('2026-12-07T17:20:00Z');
    const args = demoServerArgs(now);
    const served = parseDefinitions(JSON.parse(readFileSync(args[args.indexOf('--campaigns') + 1]!, 'utf8'))).demo!;
    const sale = served.flashSales.find((s) => s.item === FEATURED_SALE_PRODUCT)!;
    expect(sale.startsAt).toBe(Date.parse('2026-12-07T16:20:00Z'));
    // The next full hour + 8 h: the countdown reads 8–9 hours, never days or years.
    expect(sale.endsAt).toBe(Date.parse('2026-12-08T02:00:00Z'));
    expect(sale.stock).toBeLessThanOrEqual(10);
    expect(sale.perVisitor).toBe(1);
    expect(sale.price).toBeLessThan(sale.listPrice!);
    // Only the sale's window moves: the campaigns the server gets are the file's.
    expect(served.campaigns).toEqual(defs.campaigns);
    expect(served.flashSales.map(({ startsAt, endsAt, ...rest }) => rest)).toEqual(defs.flashSales.map(({ startsAt, endsAt, ...rest }) => rest));
  });
});

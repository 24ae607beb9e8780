import { describe, expect, it } from 'vitest';
import { DefinitionError, parseCampaign, parseDefinitions, parseFlashSale } from './campaign.schema';

describe('campaign definitions', () => {
  it('fills defaults and turns ISO instants into epoch milliseconds', () => {
    const r = parseCampaign({ id: 'bf', kind: 'percentage', title: 'Black Friday', discount: { type: 'percent', value: 20 }, startsAt: '2026-11-27T00:00:00Z' });
    expect(r).toEqual({
      ok: true,
      value: { id: 'bf', kind: 'percentage', title: 'Black Friday', discount: { type: 'percent', value: 20 }, startsAt: Date.UTC(2026, 10, 27), caps: { perVisitor: 1 }, priority: 0, couponHours: 72 },
    });
  });

  it('names every wrong field with its path', () => {
    const r = parseCampaign({ id: 'x y', kind: 'percentage', title: '', discount: { type: 'percent', value: 150 }, target: { lifecycle: ['sleepy'] } }, 'demo.campaigns[0]');
    expect(r.ok).toBe(false);
    const paths = !r.ok ? r.issues.map((i) => i.path) : [];
    expect(paths).toEqual(expect.arrayContaining(['demo.campaigns[0].id', 'demo.campaigns[0].title', 'demo.campaigns[0].discount.value', 'demo.campaigns[0].target.lifecycle.0']));
  });

  it('refuses discounts that do not fit the kind, points exchanges without a cost, and falling tiers', () => {
    const fixed = parseCampaign({ id: 'a', kind: 'fixed', title: 'A', discount: { type: 'percent', value: 5 } });
    expect(!fixed.ok && fixed.issues[0]).toMatchObject({ path: 'campaign.discount.type', message: expect.stringContaining('amount') });
    const points = parseCampaign({ id: 'p', kind: 'points_exchange', title: 'P', discount: { type: 'amount', value: 5 } });
    expect(!points.ok && points.issues[0]).toMatchObject({ path: 'campaign.pointsCost' });
    const tiers = parseCampaign({ id: 't', kind: 'threshold', title: 'T', discount: { type: 'tiers', tiers: [{ min: 200, off: 30 }, { min: 100, off: 10 }] } });
    expect(!tiers.ok && tiers.issues[0]).toMatchObject({ path: 'campaign.discount.tiers[1]' });
    const window = parseCampaign({ id: 'w', kind: 'fixed', title: 'W', discount: { type: 'amount', value: 5 }, startsAt: 2000, endsAt: 1000 });
    expect(!window.ok && window.issues[0]).toMatchObject({ path: 'campaign.endsAt' });
  });

  it('checks flash-sale access rules with the segment rule language', () => {
    const bad = parseFlashSale({ id: 'f', title: 'F', item: 'i', price: 1, startsAt: 0, endsAt: 10, stock: 1, access: { rule: { field: 'orders.cont', op: 'gte', value: 1 } } });
    expect(!bad.ok && bad.issues[0]!.path).toBe('flashSale.access.rule.field');
  });

  it('lists every problem of a file at once, duplicates included, in one error', () => {
    const welcome = { id: 'w', kind: 'welcome', title: 'W', discount: { type: 'free_shipping' } };
    try {
      parseDefinitions({ demo: { campaigns: [welcome, welcome], flashSales: [{ id: 'f' }] }, shop: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DefinitionError);
      const paths = (error as DefinitionError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['demo.campaigns[1].id', 'demo.flashSales[0].title', 'shop']));
      expect((error as Error).message).toContain('duplicate id "w"');
    }
  });
});

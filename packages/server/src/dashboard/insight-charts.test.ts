import { describe, expect, it } from 'vitest';
import { commerceFunnel, rfmChart, trendingChart } from './insight-charts';

const widths = (svg: string) => [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('insight charts', () => {
  it('draws trending items strongest first and never lets an id become markup', () => {
    const svg = trendingChart([['<img src=x onerror=alert(1)>', 4], ['sku-2', 2]]);
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&#60;img');
    const [a, b] = widths(svg);
    expect(a).toBeGreaterThan(b!);
    expect(b! / a!).toBeCloseTo(0.5, 1);
    expect(trendingChart([])).toContain('Nothing is trending yet');
  });

  it('spreads synced profiles over RFM segments, best customers first, with shares', () => {
    const svg = rfmChart({ none: 6, lost: 1, champion: 3 });
    const labels = [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['champion', 'lost', 'no purchase yet']);
    expect(svg).toContain('60.0%');
    expect(svg).toContain('(10)');
    expect(rfmChart({})).toContain('No synced profiles yet');
  });

  it('draws the coupon and points steps only when promotions are known', () => {
    const funnel = { viewers: 100, carters: 40, checkouts: 20, buyers: 10 };
    const plain = commerceFunnel(funnel, null);
    expect(plain).not.toContain('coupon');
    expect(widths(plain)).toHaveLength(3);
    const full = commerceFunnel(funnel, { couponsClaimed: 30, couponHolders: 25, couponsRedeemed: 8, pointsAwarded: 1200, pointsSpent: 0, pointsCustomers: 7 });
    expect(widths(full)).toHaveLength(6);
    expect(full).toContain('80.0% of previous'); // 8 redemptions of 10 purchases
    expect(full).toContain('1.2k points awarded');
  });
});

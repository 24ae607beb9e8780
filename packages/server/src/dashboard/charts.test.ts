import { describe, expect, it } from 'vitest';
import type { SiteOverview } from '../experiments/experiment-store';
import { computeReport } from '../experiments/metrics';
import type { ExperimentEventRow } from '../experiments/experiment-store';
import { eventsOverTime, funnel, topItems, upliftChart } from './charts';
import { niceTicks } from './svg';

const overview: SiteOverview = {
  since: 0,
  days: [
    { day: '2026-11-20', counts: { view_item: 100, purchase: 4 } },
    { day: '2026-11-21', counts: { view_item: 150, add_to_cart: 20 } },
  ],
  topItems: [
    { id: 'a', name: '<script>alert(1)</script>', views: 80, carts: 5, purchases: 2 },
    { id: 'b', name: null, views: 40, carts: 1, purchases: 0 },
  ],
  funnel: { viewers: 200, carters: 50, buyers: 10 },
  experiments: [],
};

const widths = (svg: string) => [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('dashboard charts', () => {
  it('never lets data become markup', () => {
    const svg = topItems(overview);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('draws bars proportional to the values', () => {
    const [a, b] = widths(topItems(overview));
    expect(a! / b!).toBeCloseTo(2, 1);
    const steps = widths(funnel(overview));
    expect(steps[0]! / steps[1]!).toBeCloseTo(4, 1);
    expect(funnel(overview)).toContain('25.0% of previous step');
    expect(funnel(overview)).toContain('20.0% of previous step');
  });

  it('draws one line per event type, busiest first in the legend', () => {
    const svg = eventsOverTime(overview);
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg.indexOf('view_item (250)')).toBeLessThan(svg.indexOf('add_to_cart (20)'));
    expect(eventsOverTime({ ...overview, days: [] })).toContain('No events in this period');
  });

  it('draws each uplift with its interval, green when it clears zero', () => {
    const rows: ExperimentEventRow[] = [];
    for (let i = 0; i < 400; i++) {
      const variant = i % 2 ? 'personalized' : 'control';
      const v = `v${i}`;
      rows.push({ visitor: v, type: 'experiment_exposure', ts: i, data: { experiment_id: 'h', variant } });
      rows.push({ visitor: v, type: 'view_item_list', ts: i, data: { experiment_id: 'h', variant, items: [{ item_id: 'a' }, { item_id: 'b' }] } });
      if (variant === 'personalized' ? i % 3 !== 0 : i % 10 === 0) rows.push({ visitor: v, type: 'select_item', ts: i, data: { experiment_id: 'h', variant } });
    }
    const report = computeReport('h', rows, { definition: { id: 'h', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }] } });
    const svg = upliftChart(report);
    expect(svg).toContain('personalized vs control');
    expect(svg).toContain('>CTR<');
    expect(svg).toMatch(/<circle [^>]*fill="#109618"/);
    // Conversion has no purchases in either arm: no interval to draw.
    expect(svg).toContain('not enough data');
  });

  it('picks round axis ticks', () => {
    expect(niceTicks(87)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
  });
});

import { describe, expect, it } from 'vitest';
import { memoryKeyValue } from '../storage/key-value';
import { createExperiments } from './create-experiments';
import { isPersonalOffer } from './personal-offer';

const affinity = { visitorId: 'v1', state: memoryKeyValue(), subscribe: () => () => {}, track: () => undefined };
const arms = [{ name: 'on', weight: 1 }, { name: 'control', weight: 1 }];

describe('forSurface', () => {
  it('picks the experiment whose control scope covers the surface, else the first', () => {
    const ex = createExperiments({
      affinity,
      experiments: [
        { id: 'recs-only', variants: arms, scope: { listings: false, coupons: false } },
        { id: 'listings', variants: arms, scope: { recommendations: false, coupons: false } },
      ],
    });
    expect(ex.forSurface('recommendations')?.experiment).toBe('recs-only');
    expect(ex.forSurface('listings')?.experiment).toBe('listings');
    expect(ex.forSurface('coupons')?.experiment).toBe('recs-only'); // nobody covers coupons: still stamped
    expect(ex.forSurface()?.experiment).toBe('recs-only');
    expect(ex.all().map((a) => a.experiment)).toEqual(['recs-only', 'listings']);
  });

  it('honours a forced arm, and ignores one that is not an arm', () => {
    const def = { id: 'h', variants: arms };
    expect(createExperiments({ affinity, experiments: [def], force: { h: 'control' } }).variantFor('h')).toMatchObject({ variant: 'control', control: true, listings: 'base' });
    expect(createExperiments({ affinity, experiments: [def], force: { h: 'on' } }).variantFor('h')).toMatchObject({ variant: 'on', control: false });
    const natural = createExperiments({ affinity, experiments: [def] }).variantFor('h')!.variant;
    expect(createExperiments({ affinity, experiments: [def], force: { h: 'nope' } }).variantFor('h')!.variant).toBe(natural);
  });

  it('has no arm without experiments', () => {
    expect(createExperiments({ affinity, experiments: [] }).forSurface('listings')).toBeUndefined();
  });
});

describe('isPersonalOffer', () => {
  it.each([
    [undefined, false],
    [{}, false],
    [{ cartValue: { min: 30 } }, false],
    [{ dates: [{ from: '12-01', to: '12-24' }], channels: ['web'] }, false],
    [{ rfm: ['champion'] }, true],
    [{ lifecycle: ['dormant'] }, true],
    [{ segments: ['runners'] }, true],
    [{ categories: ['Shoes'] }, true],
    [{ priceSensitivity: ['high'] }, true],
  ] as const)('%j → %s', (target, personal) => expect(isPersonalOffer({ target: target as never })).toBe(personal));
});

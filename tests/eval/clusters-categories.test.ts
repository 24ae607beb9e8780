import { describe, expect, it } from 'vitest';
import { retailCategory } from './clusters-categories';

describe('retailCategory', () => {
  it('files Online Retail descriptions under keyword categories, most specific theme first', () => {
    expect(retailCategory('WHITE HANGING HEART T-LIGHT HOLDER')).toBe('Lighting & candles');
    expect(retailCategory('PAPER CHAIN KIT 50S CHRISTMAS')).toBe('Christmas');
    expect(retailCategory('JUMBO BAG RED RETROSPOT')).toBe('Bags & storage');
    expect(retailCategory('PACK OF 72 RETROSPOT CAKE CASES')).toBe('Kitchen & dining');
    expect(retailCategory('SET OF 4 GREEN CAROUSEL GARDEN MARKERS')).toBe('Garden');
    expect(retailCategory('REGENCY CAKESTAND 3 TIER')).toBe('Kitchen & dining');
    expect(retailCategory('glass star frosted t-light holder')).toBe('Lighting & candles');
    expect(retailCategory('ASSORTED COLOUR BIRD ORNAMENT')).toBe('Home décor');
    expect(retailCategory('POSTAGE')).toBe('Other');
  });
});

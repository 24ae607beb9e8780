import { eventCounts } from '../cooccurrence';
import type { NextItemStrategy } from '../strategy';

/**
 * `pop`: the K items with the most training events, whatever the shopper did.
 *
 * @example evaluateNextItem(train, test, [pop])
 */
export const pop: NextItemStrategy = {
  name: 'pop',
  fit(train) {
    const ranked = [...eventCounts(train)].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    return (_prefix, k) => ranked.slice(0, k);
  },
};

import { describe, expect, it } from 'vitest';
import type { EventType } from '../types';
import { topAffinities } from './affinities';
import { applyEvent } from './apply-event';
import { deriveProfile } from './derive-profile';
import { emptyProfile } from './empty-profile';
import { resolveProfileOptions } from './options';
import { DAY, T0, ev, item } from './test-support';

describe('favourites kept per event', () => {
  it('match a full re-sort after hundreds of mixed events, removals included', () => {
    const o = resolveProfileOptions({ halfLifeDays: 5 });
    const p = emptyProfile(5);
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const types: EventType[] = ['view_item', 'view_item', 'select_item', 'add_to_cart', 'remove_from_cart', 'purchase'];
    let ts = T0;
    for (let i = 0; i < 400; i++) {
      ts += Math.floor(rand() * DAY);
      const top = `C${Math.floor(rand() * 6)}`;
      const it = item(`i${i % 50}`, `Item ${i % 50}`, [top, `${top}-${Math.floor(rand() * 3)}`], 10 + rand() * 90, {
        item_brand: `B${Math.floor(rand() * 8)}`,
      });
      applyEvent(p, ev(types[Math.floor(rand() * types.length)]!, ts, { items: [it], transaction_id: `t${i}` }, `s${i >> 3}`), o);
      deriveProfile(p, ts, o);
      const expected = topAffinities(p, 'category', ts, 3).map((x) => x[0]);
      expect(p.tags.favouriteCategories).toEqual(expected);
      expect(p.tags.favouriteBrands).toEqual(topAffinities(p, 'brand', ts, 3).map((x) => x[0]));
    }
  });
});

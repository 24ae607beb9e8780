import { atom } from 'nanostores';
import { describe, expect, it } from 'vitest';
import { applyEvent } from '../profile/apply-event';
import { deriveProfile } from '../profile/derive-profile';
import { emptyProfile } from '../profile/empty-profile';
import { resolveProfileOptions } from '../profile/options';
import { T0, ev, item } from '../profile/test-support';
import type { Profile } from '../profile/types';
import { connectRankedList } from './connect-ranked-list';
import { RUN, ids, shoesPage } from './test-products';

describe('connectRankedList', () => {
  it('re-ranks when the profile changes (a view on this page reorders the list)', () => {
    const o = resolveProfileOptions({ now: () => T0 });
    const $profile = atom<Profile>(emptyProfile());
    const $ids = connectRankedList({ products: shoesPage, $profile, now: () => T0 });
    const seen: string[][] = [];
    const stop = $ids.subscribe((list) => seen.push([...list]));
    expect(seen[0]).toEqual(ids(shoesPage));

    const p = emptyProfile();
    for (const [i, id] of ['x1', 'x2', 'x3'].entries()) applyEvent(p, ev('view_item', T0 + i, { items: [item(id, id, RUN, 140)] }), o);
    $profile.set(deriveProfile(p, T0, o));
    expect(seen).toHaveLength(2);
    expect(seen[1]![0]).toBe('r1');
    expect(seen[1]!.slice(0, 6).filter((id) => id.startsWith('r'))).toHaveLength(4);

    $profile.set({ ...p }); // same content: no new emission
    expect(seen).toHaveLength(2);
    stop();
  });

  it('follows a products store and applies rules', () => {
    const $products = atom(shoesPage.slice(0, 3));
    const $ids = connectRankedList({ products: $products, rules: { pin: { c2: 1 } } });
    expect($ids.get()).toEqual(['c2', 'c1', 'h1']);
    const stop = $ids.listen(() => {});
    $products.set(shoesPage.slice(0, 4));
    expect($ids.get()).toEqual(['c2', 'c1', 'h1', 'r1']);
    stop();
  });
});

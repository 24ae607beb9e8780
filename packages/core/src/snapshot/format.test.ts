import { describe, expect, it } from 'vitest';
import { MAX_IDS, MAX_LISTS, listEntry, orderFor, parseSnapshot, withList, type Snapshot } from './format';

const snap = (l: Snapshot['l']): Snapshot => ({ v: 1, vid: 'v1', at: 1, l });

describe('first-paint snapshot format', () => {
  it('stores an order as indices into the merchant order and reads it back for the same list', () => {
    const e = listEntry('shoes', ['a', 'b', 'c'], ['c', 'a', 'b'])!;
    expect(e).toEqual({ k: 'shoes', b: ['a', 'b', 'c'], o: [2, 0, 1] });
    const s = parseSnapshot(JSON.stringify(withList(undefined, 'v1', e, 5)))!;
    expect(orderFor(s, 'shoes', ['a', 'b', 'c'])?.ids).toEqual(['c', 'a', 'b']);
  });

  it('gives no order when the list changed: other products, other merchant order, other list', () => {
    const s = snap([listEntry('shoes', ['a', 'b', 'c'], ['c', 'a', 'b'])!]);
    expect(orderFor(s, 'shoes', ['a', 'b'])).toBeUndefined();
    expect(orderFor(s, 'shoes', ['b', 'a', 'c'])).toBeUndefined();
    expect(orderFor(s, 'bags', ['a', 'b', 'c'])).toBeUndefined();
  });

  it('never drops or duplicates a card from a tampered entry', () => {
    expect(orderFor(snap([{ k: 'x', b: ['a', 'b'], o: [0, 0] }]), 'x', ['a', 'b'])).toBeUndefined();
    expect(orderFor(snap([{ k: 'x', b: ['a', 'b'], o: [0, 7] }]), 'x', ['a', 'b'])).toBeUndefined();
    expect(orderFor(snap([{ k: 'x', b: ['a', 'b'], o: [1] }]), 'x', ['a', 'b'])).toBeUndefined();
    expect(orderFor(snap([null as never, { k: 'x', b: 'ab' as never, o: [1, 0] }]), 'x', ['a', 'b'])).toBeUndefined();
  });

  it('tells an order of the current profile from one an older profile made', () => {
    let s = withList(undefined, 'v1', listEntry('old', ['a', 'b'], ['b', 'a'], false, 100)!, 1);
    s = withList(s, 'v1', listEntry('new', ['a', 'b'], ['b', 'a'], false, 200)!, 2);
    expect(orderFor(s, 'new', ['a', 'b'])).toEqual({ ids: ['b', 'a'], fresh: true });
    expect(orderFor(s, 'old', ['a', 'b'])).toEqual({ ids: ['b', 'a'], fresh: false });
  });

  it('rejects text that is not a snapshot of this version', () => {
    expect(parseSnapshot(null)).toBeUndefined();
    expect(parseSnapshot('{not json')).toBeUndefined();
    expect(parseSnapshot(JSON.stringify({ v: 2, vid: 'v1', at: 1, l: [] }))).toBeUndefined();
    expect(parseSnapshot(JSON.stringify({ v: 1, vid: 'v1', at: 1, l: {} }))).toBeUndefined();
  });

  it('keeps cards the ranking did not return at the end, and refuses lists it cannot represent', () => {
    expect(listEntry('x', ['a', 'b', 'c'], ['c'])!.o).toEqual([2, 0, 1]);
    expect(listEntry('x', ['a', 'a'], ['a'])).toBeUndefined();
    expect(listEntry('x', [], [])).toBeUndefined();
    const long = Array.from({ length: MAX_IDS + 1 }, (_, i) => `p${i}`);
    expect(listEntry('x', long, long)).toBeUndefined();
  });

  it('keeps the most recent lists first, one entry per list and base, and forgets another visitor', () => {
    let s: Snapshot | undefined;
    for (let i = 0; i < MAX_LISTS + 3; i++) s = withList(s, 'v1', listEntry(`l${i}`, ['a', 'b'], ['b', 'a'])!, i);
    expect(s!.l).toHaveLength(MAX_LISTS);
    expect(s!.l[0]!.k).toBe(`l${MAX_LISTS + 2}`);
    s = withList(s, 'v1', listEntry('l5', ['a', 'b'], ['a', 'b'])!, 99);
    expect(s.l.filter((e) => e.k === 'l5')).toEqual([{ k: 'l5', b: ['a', 'b'], o: [0, 1] }]);
    expect(withList(s, 'v2', listEntry('z', ['a'], ['a'])!, 100).l.map((e) => e.k)).toEqual(['z']);
  });
});

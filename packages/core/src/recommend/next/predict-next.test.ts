import { describe, expect, it } from 'vitest';
import { predictNext } from './predict-next';
import { buildSessionIndex } from './session-index';

const DAY = 86_400_000;
const ids = (list: [string, number][]) => list.map(([id]) => id);

describe('predictNext', () => {
  it('predicts what followed the same items in past sessions', () => {
    const index = buildSessionIndex([
      { items: ['shoe', 'sock', 'cap'], end: 10 * DAY },
      { items: ['shoe', 'sock'], end: 11 * DAY },
      { items: ['tent', 'pegs'], end: 12 * DAY },
    ]);
    const out = predictNext(index, ['shoe'], { limit: 3 });
    expect(ids(out)).toContain('sock');
    expect(ids(out)).not.toContain('pegs');
    expect(out[0]![1]).toBe(1); // scores are scaled so the best is 1
  });

  it('follows the sequence: the latest item matters most', () => {
    const index = buildSessionIndex([
      { items: ['a', 'x'], end: 1 },
      { items: ['a', 'x'], end: 2 },
      { items: ['b', 'y'], end: 3 },
    ]);
    const [top] = predictNext(index, ['a', 'b'], { limit: 5 }).filter(([id]) => id !== 'a' && id !== 'b');
    expect(top![0]).toBe('y');
  });

  it('prefers recent neighbours when recency decay is short', () => {
    const index = buildSessionIndex([
      { items: ['a', 'old'], end: 0 },
      { items: ['a', 'new'], end: 30 * DAY },
    ]);
    const out = predictNext(index, ['a'], { recencyDecay: DAY, rulesShare: 0, now: 30 * DAY });
    expect(ids(out).indexOf('new')).toBeLessThan(ids(out).indexOf('old'));
  });

  it('returns nothing for a session of unknown items, and the same list for the same input', () => {
    const index = buildSessionIndex([{ items: ['a', 'b'], end: 1 }]);
    expect(predictNext(index, ['nope'])).toEqual([]);
    expect(predictNext(index, [])).toEqual([]);
    expect(predictNext(index, ['a'])).toEqual(predictNext(index, ['a']));
  });

  it('honours the limit', () => {
    const index = buildSessionIndex([{ items: ['a', 'b', 'c', 'd', 'e'], end: 1 }]);
    expect(predictNext(index, ['a'], { limit: 2 })).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { oddsPercent, revealPath } from './reveal';

describe('revealPath', () => {
  it('laps over the prizes and stops on the drawn one', () => {
    expect(revealPath(['a', 'b', 'c'], 'b', { laps: 2 })).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b']);
    expect(revealPath(['a', 'b', 'c'], 'a', { laps: 0 })).toEqual(['a']);
  });

  it('is empty with reduced motion or a prize the list does not show', () => {
    expect(revealPath(['a', 'b'], 'b', { reducedMotion: true })).toEqual([]);
    expect(revealPath(['a', 'b'], 'zzz')).toEqual([]);
  });
});

describe('oddsPercent', () => {
  it('prints a readable percentage', () => {
    expect(oddsPercent(0.0625)).toBe('6.25%');
    expect(oddsPercent(1 / 3)).toBe('33.33%');
    expect(oddsPercent(0.5)).toBe('50%');
    expect(oddsPercent(0.00001)).toBe('< 0.01%');
    expect(oddsPercent(0)).toBe('0%');
  });
});

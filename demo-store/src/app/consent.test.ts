import { beforeEach, describe, expect, it } from 'vitest';
import { readConsent, setConsentChoice } from './consent';

describe('consent choice', () => {
  beforeEach(() => {
    localStorage.clear();
    (window as unknown as { affinity?: unknown }).affinity = undefined;
  });

  it('is remembered and handed to Affinity through its command queue, even before the script loaded', () => {
    expect(readConsent()).toBeUndefined();
    setConsentChoice('denied');
    setConsentChoice('granted');
    expect(readConsent()).toBe('granted');
    expect((window as unknown as { affinity: unknown[] }).affinity).toEqual([['consent', 'denied'], ['consent', 'granted']]);
  });

  it('ignores a foreign stored value', () => {
    localStorage.setItem('demo-store.consent', 'maybe');
    expect(readConsent()).toBeUndefined();
  });
});

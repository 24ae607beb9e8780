import { afterEach, describe, expect, it } from 'vitest';
import { initialConsent, saveConsent } from './consent';

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
afterEach(() => {
  localStorage.clear();
  delete nav.globalPrivacyControl;
});

describe('initialConsent', () => {
  it('starts from the merchant default, unknown when none', () => {
    expect(initialConsent('shop', undefined, true)).toBe('unknown');
    expect(initialConsent('shop', 'granted', true)).toBe('granted');
    expect(initialConsent('shop', 'denied', true)).toBe('denied');
  });

  it('treats Global Privacy Control as denied, even over a granted merchant default', () => {
    nav.globalPrivacyControl = true;
    expect(initialConsent('shop', 'granted', true)).toBe('denied');
    expect(initialConsent('shop', 'unknown', true)).toBe('denied');
  });

  it('lets the merchant override GPC explicitly with respectGpc: false', () => {
    nav.globalPrivacyControl = true;
    expect(initialConsent('shop', 'granted', false)).toBe('granted');
  });

  it("puts the shopper's recorded choice first", () => {
    nav.globalPrivacyControl = true;
    saveConsent('shop', 'granted');
    expect(initialConsent('shop', 'denied', true)).toBe('granted');
    saveConsent('shop', 'denied');
    expect(initialConsent('shop', 'granted', false)).toBe('denied');
    expect(initialConsent('other-site', 'granted', false)).toBe('granted');
  });
});

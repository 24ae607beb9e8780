import { describe, expect, it } from 'vitest';
import { parseCouponCode, signCoupon, verifyCoupon } from './coupon-code';

const SECRET = 'a-test-secret-that-is-long-enough-0001';

describe('coupon codes', () => {
  const code = signCoupon(SECRET, 'demo', { campaign: 'welcome10', nonce: 'k3J9x2aQ0pLm', expiresAt: 1_795_000_000_000 }, 'v:alice');

  it('round-trips its fields and verifies only for the shopper, site and secret it was signed with', () => {
    expect(parseCouponCode(code)).toMatchObject({ campaign: 'welcome10', nonce: 'k3J9x2aQ0pLm', expiresAt: 1_795_000_000_000 });
    expect(verifyCoupon(SECRET, 'demo', code, 'v:alice')).toBe(true);
    expect(verifyCoupon(SECRET, 'demo', code, 'v:bob')).toBe(false);
    expect(verifyCoupon(SECRET, 'other', code, 'v:alice')).toBe(false);
    expect(verifyCoupon('another-secret-that-is-long-enough-02', 'demo', code, 'v:alice')).toBe(false);
  });

  it('fails when any field is edited', () => {
    const [campaign, nonce, expiry, sig] = code.split('.') as [string, string, string, string];
    const edits = [
      ['welcome50', nonce, expiry, sig],
      [campaign, nonce.replace(/^./, (c) => (c === 'x' ? 'y' : 'x')), expiry, sig],
      [campaign, nonce, (parseInt(expiry, 36) + 1).toString(36), sig],
      [campaign, nonce, expiry, sig.replace(/^./, (c) => (c === 'x' ? 'y' : 'x'))],
    ];
    for (const parts of edits) expect(verifyCoupon(SECRET, 'demo', parts.join('.'), 'v:alice')).toBe(false);
  });

  it('does not parse strings that are not codes', () => {
    for (const s of ['', 'SAVE10', 'a.b.c.d', `${code}.x`, code.replace(/\./g, '-')]) expect(parseCouponCode(s)).toBeUndefined();
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';

/** The parts of a coupon code: `<campaign>.<nonce>.<expiry base36>.<signature>`. */
export interface CouponCodeParts {
  campaign: string;
  nonce: string;
  expiresAt: number;
  signature: string;
}

const CODE = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{8,32})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

/**
 * Sign a coupon: HMAC-SHA256 over site, campaign, nonce, expiry and the subject it is bound to
 * (`v:<visitor>` or `c:<customer>`), truncated to 132 bits. The subject is not in the code, so a
 * code copied to another shopper fails verification.
 *
 * @example
 * signCoupon(secret, 'demo', { campaign: 'welcome10', nonce: 'k3J9x2aQ0pLm', expiresAt: 1795000000000 }, 'v:abc');
 * // 'welcome10.k3J9x2aQ0pLm.mx8c1s00.Yb…'
 */
export function signCoupon(secret: string, site: string, parts: Omit<CouponCodeParts, 'signature'>, subject: string): string {
  const body = `${parts.campaign}.${parts.nonce}.${parts.expiresAt.toString(36)}`;
  return `${body}.${mac(secret, site, body, subject)}`;
}

/** Split a code into its parts; `undefined` when it does not have the shape of a code. */
export function parseCouponCode(code: string): CouponCodeParts | undefined {
  const m = CODE.exec(code.trim());
  if (!m) return undefined;
  const expiresAt = parseInt(m[3]!, 36);
  return Number.isSafeInteger(expiresAt) ? { campaign: m[1]!, nonce: m[2]!, expiresAt, signature: m[4]! } : undefined;
}

/**
 * Whether a code's signature matches its own fields for `subject`, in constant time. Any edited
 * character — campaign, nonce, expiry or signature — makes it fail.
 *
 * @example
 * verifyCoupon(secret, 'demo', code, 'v:abc'); // true only for the shopper it was issued to
 */
export function verifyCoupon(secret: string, site: string, code: string, subject: string): boolean {
  const parts = parseCouponCode(code);
  if (!parts) return false;
  const expected = Buffer.from(mac(secret, site, code.trim().slice(0, code.trim().lastIndexOf('.')), subject));
  const given = Buffer.from(parts.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function mac(secret: string, site: string, body: string, subject: string): string {
  return createHmac('sha256', secret).update(`affinity-coupon-v1\n${site}\n${body}\n${subject}`).digest('base64url').slice(0, 22);
}

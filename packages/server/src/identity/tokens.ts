import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Issues and checks the per-visitor profile tokens and the merchant's identify signatures. */
export interface Tokens {
  /** The token that authorises reading and writing one visitor's synced profile. */
  profileToken(site: string, visitor: string): string;
  verifyProfileToken(site: string, visitor: string, token: string): boolean;
  /** Whether `signature` is the merchant backend's HMAC of `site:customer` (see {@link identifySignature}). */
  verifyIdentify(site: string, customer: string, signature: string): boolean;
  /** Tokens survive restarts and work across processes only with a configured secret. */
  readonly stable: boolean;
}

/**
 * What a merchant's backend computes to let a browser link its visitor to a logged-in customer:
 * hex HMAC-SHA256 of `site:customer` keyed with the admin key. The key never reaches the browser.
 *
 * @example
 * identifySignature(process.env.AFFINITY_ADMIN_KEY, 'shop', 'customer-42'); // '9f2c…'
 */
export function identifySignature(adminKey: string, site: string, customer: string): string {
  return createHmac('sha256', adminKey).update(`${site}:${customer}`).digest('hex');
}

/**
 * Tokens derived from the admin key (so every process on one database agrees), or from a random
 * per-process secret in development when no admin key is configured.
 *
 * @example
 * const tokens = createTokens(config.adminKey);
 * tokens.verifyProfileToken('demo', visitor, tokens.profileToken('demo', visitor)); // true
 */
export function createTokens(adminKey: string | undefined): Tokens {
  const secret = adminKey ? createHmac('sha256', adminKey).update('affinity profile tokens v1').digest() : randomBytes(32);
  const profileToken = (site: string, visitor: string) => createHmac('sha256', secret).update(`${site}\0${visitor}`).digest('base64url');
  return {
    stable: adminKey !== undefined,
    profileToken,
    verifyProfileToken: (site, visitor, token) => equal(token, profileToken(site, visitor)),
    verifyIdentify: (site, customer, signature) => adminKey !== undefined && equal(signature.toLowerCase(), identifySignature(adminKey, site, customer)),
  };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

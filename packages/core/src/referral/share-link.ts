import { postJson, reasonOf } from './request';

/** The query parameter carrying a share token. */
export const REFERRAL_PARAM = 'af_ref';

/** A share token as the server issues them: 128 random bits, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** Options of {@link createShareLink}. */
export interface ShareLinkOptions {
  endpoint: string;
  site: string;
  /** The sharer's visitor id (stays on the server; the link carries an opaque token only). */
  visitor: string;
  /** The page to share (e.g. the product's URL). */
  url: string;
  /** Referral program id; default the site's first. */
  program?: string;
  /** Identified sharer (needed for programs that reward points): customer id and the backend's identify signature. */
  customer?: string;
  signature?: string;
  fetch?: typeof fetch;
}

export type ShareLinkResult = { ok: true; url: string; token: string; program: { id: string; title: string } } | { ok: false; reason: string };

/**
 * Ask the server for the sharer's referral token and build the link to share: `url` with
 * `af_ref=<token>`. The token is random and stands for the sharer on the server only; the
 * receiver never learns who shared. Never throws.
 *
 * @example
 * const link = await createShareLink({ endpoint, site: 'shop', visitor: affinity.visitorId, url: location.href });
 * if (link.ok) await navigator.share({ url: link.url });
 */
export async function createShareLink(o: ShareLinkOptions): Promise<ShareLinkResult> {
  const signed = o.customer && o.signature ? { customer: o.customer, signature: o.signature } : {};
  const { status, body } = await postJson(o.endpoint, '/v1/referrals/link', { site: o.site, visitor: o.visitor, ...(o.program && { program: o.program }), ...signed }, o.fetch);
  if (status != 200 || !TOKEN.test(body.token)) return { ok: false, reason: status == 401 ? 'not_identified' : reasonOf(body) };
  return { ok: true, url: withToken(o.url, body.token), token: body.token, program: body.program ?? { id: '', title: '' } };
}

/**
 * `url` carrying `token` as its referral parameter (replacing any other token, keeping the rest).
 *
 * @example
 * withToken('https://shop.example/p/1?c=red#top', 'AbC…'); // 'https://shop.example/p/1?c=red&af_ref=AbC…#top'
 */
export function withToken(url: string, token: string): string {
  const u = new URL(url);
  u.searchParams.set(REFERRAL_PARAM, token);
  return u.toString();
}

/**
 * The share token in a URL, if it has a well-formed one.
 *
 * @example
 * tokenIn('https://shop.example/p/1?af_ref=' + 'A'.repeat(22)); // 'AAAA…'
 */
export function tokenIn(url: string): string | undefined {
  try {
    const t = new URL(url).searchParams.get(REFERRAL_PARAM);
    return t && TOKEN.test(t) ? t : undefined;
  } catch {
    return undefined;
  }
}

/** `url` without its referral parameter (what the address bar shows after landing, so it is not re-shared). */
export function withoutToken(url: string): string {
  const u = new URL(url);
  u.searchParams.delete(REFERRAL_PARAM);
  return u.toString();
}

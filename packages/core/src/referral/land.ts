import type { AffinityEvent, EventData, EventType } from '../types';
import { okStatus, postJson, reasonOf } from './request';
import { tokenIn } from './share-link';

/** The welcome code a referred shopper receives. */
export interface ReferralWelcome {
  code: string;
  campaign: string;
  title: string;
  expiresAt: number;
}

/** What happened to a landing: welcomed (new or again), refused with a reason, or no token in the URL. */
export type LandingResult =
  | { kind: 'welcomed'; program: { id: string; title: string }; welcome: ReferralWelcome | null; again: boolean }
  | { kind: 'refused'; reason: string }
  | { kind: 'none' };

/** Options of {@link landReferral}. */
export interface LandReferralOptions {
  endpoint: string;
  site: string;
  /** The landing page's URL (`location.href`). */
  url: string;
  /** The SDK (its visitor id, and `track` for the `referral` event). */
  affinity: { readonly visitorId: string; track(type: EventType, data?: EventData): AffinityEvent | undefined };
  /** A signed-in shopper (customer id and the backend's identify signature): their own link is refused even from another browser. */
  customer?: string;
  signature?: string;
  fetch?: typeof fetch;
}

/**
 * Record a visit that arrived through a share link: the server checks the token (refusing the
 * sharer's own link, loops and a second referrer) and gives a new shopper the program's welcome
 * code; a `referral` event is tracked with the program (never the token or the sharer). Never throws.
 *
 * @example
 * const landing = await landReferral({ endpoint, site: 'shop', url: location.href, affinity });
 * if (landing.kind === 'welcomed' && landing.welcome) showCode(landing.welcome.code);
 */
export async function landReferral(o: LandReferralOptions): Promise<LandingResult> {
  const token = tokenIn(o.url);
  if (!token) return { kind: 'none' };
  const { status, body } = await postJson(o.endpoint, '/v1/referrals/land', { site: o.site, visitor: o.affinity.visitorId, token, ...(o.customer && o.signature && { customer: o.customer, signature: o.signature }) }, o.fetch);
  if (!okStatus(status)) return { kind: 'refused', reason: reasonOf(body) };
  const program = body.program ?? { id: '', title: '' };
  if (status == 201) o.affinity.track('referral', { promotion_id: program.id, promotion_name: program.title });
  return { kind: 'welcomed', program, welcome: body.welcome ?? null, again: status == 200 };
}

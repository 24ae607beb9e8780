import { okStatus, postJson, reasonOf } from './request';

/** A group round as the server reports it. */
export interface GroupRound {
  offer: { id: string; title: string; size: number; windowHours: number };
  members: number;
  size: number;
  unlocked: boolean;
  member: boolean;
  /** When the round stops counting towards unlocking (epoch ms), `null` before it opened. */
  closesAt: number | null;
}

export type GroupAnswer = { ok: true; round: GroupRound } | { ok: false; reason: string };
export type GroupCode = { ok: true; code: string; title: string; expiresAt: number } | { ok: false; reason: string; members?: number; size?: number };

/** Options of {@link joinGroupOffer} and {@link claimGroupOffer}. */
export interface GroupOfferOptions {
  endpoint: string;
  site: string;
  /** Group offer id. */
  id: string;
  /** The share token of the link the group gathers behind. */
  token: string;
  visitor: string;
  fetch?: typeof fetch;
}

const post = (o: GroupOfferOptions, action: 'join' | 'claim') =>
  postJson(o.endpoint, `/v1/group-offers/${encodeURIComponent(o.id)}/${action}`, { site: o.site, visitor: o.visitor, token: o.token }, o.fetch);

/**
 * Join the group round behind a share link; the server counts distinct shoppers atomically and
 * says whether the discount is unlocked. Joining again is harmless. Never throws.
 *
 * @example
 * const r = await joinGroupOffer({ endpoint, site: 'shop', id: 'team3', token, visitor: affinity.visitorId });
 * if (r.ok) render(`${r.round.members} of ${r.round.size} joined`);
 */
export async function joinGroupOffer(o: GroupOfferOptions): Promise<GroupAnswer> {
  const { status, body } = await post(o, 'join');
  return okStatus(status) && body.round ? { ok: true, round: body.round } : { ok: false, reason: reasonOf(body) };
}

/**
 * Get the group discount's code once the round is unlocked (`locked` before, with the count).
 *
 * @example
 * const code = await claimGroupOffer({ endpoint, site: 'shop', id: 'team3', token, visitor });
 */
export async function claimGroupOffer(o: GroupOfferOptions): Promise<GroupCode> {
  const { status, body } = await post(o, 'claim');
  if (okStatus(status) && typeof body.code == 'string') return { ok: true, code: body.code, title: String(body.title ?? ''), expiresAt: Number(body.expiresAt) };
  return { ok: false, reason: reasonOf(body), ...(typeof body.members == 'number' && { members: body.members, size: Number(body.size) }) };
}

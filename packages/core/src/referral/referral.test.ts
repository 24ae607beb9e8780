import { describe, expect, it, vi } from 'vitest';
import { claimGroupOffer, createShareLink, joinGroupOffer, landReferral, tokenIn, withToken, withoutToken } from './index';

const TOKEN = 'Qx3_-abcdefghijklmnopq';

describe('share links', () => {
  it('put the token in the URL, keeping the rest, and read it back only when well-formed', () => {
    const url = withToken('https://shop.example/p/1?colour=red#reviews', TOKEN);
    expect(url).toBe(`https://shop.example/p/1?colour=red&af_ref=${TOKEN}#reviews`);
    expect(tokenIn(url)).toBe(TOKEN);
    expect(withoutToken(url)).toBe('https://shop.example/p/1?colour=red#reviews');
    expect(tokenIn('https://shop.example/?af_ref=<script>')).toBeUndefined();
    expect(tokenIn('not a url')).toBeUndefined();
  });

  it('ask the server for the token and never put the visitor id in the link', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ token: TOKEN, program: { id: 'friends', title: 'Invite' } })));
    const link = await createShareLink({ endpoint: 'https://api.test/', site: 's', visitor: 'visitor-123', url: 'https://shop.example/p/1', fetch });
    expect(link).toEqual({ ok: true, token: TOKEN, url: `https://shop.example/p/1?af_ref=${TOKEN}`, program: { id: 'friends', title: 'Invite' } });
    expect(link.ok && link.url).not.toContain('visitor-123');
    expect(fetch).toHaveBeenCalledWith('https://api.test/v1/referrals/link', expect.objectContaining({ method: 'POST', body: JSON.stringify({ site: 's', visitor: 'visitor-123' }) }));
  });

  it('report a refusal or an unreachable server without throwing', async () => {
    const refused = vi.fn(async () => new Response(JSON.stringify({ reason: 'unknown_program' }), { status: 404 }));
    expect(await createShareLink({ endpoint: 'https://api.test', site: 's', visitor: 'v', url: 'https://shop.example/', fetch: refused })).toEqual({ ok: false, reason: 'unknown_program' });
    const down = vi.fn(async () => Promise.reject(new TypeError('offline')));
    expect(await createShareLink({ endpoint: 'https://api.test', site: 's', visitor: 'v', url: 'https://shop.example/', fetch: down })).toEqual({ ok: false, reason: 'network' });
  });
});

describe('landReferral', () => {
  const affinity = () => ({ visitorId: 'v-new', track: vi.fn(() => undefined) });
  const welcome = { code: 'friend10.x', campaign: 'friend10', title: '10% off', expiresAt: 1 };

  it('records a first landing with a referral event naming the program, not the token', async () => {
    const a = affinity();
    const fetch = vi.fn(async () => new Response(JSON.stringify({ program: { id: 'friends', title: 'Invite a friend' }, welcome }), { status: 201 }));
    const r = await landReferral({ endpoint: 'https://api.test', site: 's', url: `https://shop.example/p/1?af_ref=${TOKEN}`, affinity: a, fetch });
    expect(r).toEqual({ kind: 'welcomed', program: { id: 'friends', title: 'Invite a friend' }, welcome, again: false });
    expect(a.track).toHaveBeenCalledWith('referral', { promotion_id: 'friends', promotion_name: 'Invite a friend' });
    expect(JSON.stringify(a.track.mock.calls)).not.toContain(TOKEN);
    expect(fetch).toHaveBeenCalledWith('https://api.test/v1/referrals/land', expect.objectContaining({ body: JSON.stringify({ site: 's', visitor: 'v-new', token: TOKEN }) }));
  });

  it('sends a signed-in shopper\'s proof, so their own link is refused from any browser', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ reason: 'self_referral' }), { status: 409 }));
    const r = await landReferral({ endpoint: 'https://api.test', site: 's', url: `https://shop.example/?af_ref=${TOKEN}`, affinity: affinity(), customer: 'c-1', signature: 'sig', fetch });
    expect(r).toEqual({ kind: 'refused', reason: 'self_referral' });
    expect(fetch).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ body: JSON.stringify({ site: 's', visitor: 'v-new', token: TOKEN, customer: 'c-1', signature: 'sig' }) }));
  });

  it('tracks nothing again on a repeat landing or a refusal, and does nothing without a token', async () => {
    const a = affinity();
    const again = vi.fn(async () => new Response(JSON.stringify({ program: { id: 'friends', title: 'x' }, welcome }), { status: 200 }));
    expect(await landReferral({ endpoint: 'https://api.test', site: 's', url: `https://shop.example/?af_ref=${TOKEN}`, affinity: a, fetch: again })).toMatchObject({ kind: 'welcomed', again: true });
    const self = vi.fn(async () => new Response(JSON.stringify({ reason: 'self_referral' }), { status: 409 }));
    expect(await landReferral({ endpoint: 'https://api.test', site: 's', url: `https://shop.example/?af_ref=${TOKEN}`, affinity: a, fetch: self })).toEqual({ kind: 'refused', reason: 'self_referral' });
    const none = vi.fn();
    expect(await landReferral({ endpoint: 'https://api.test', site: 's', url: 'https://shop.example/', affinity: a, fetch: none as never })).toEqual({ kind: 'none' });
    expect(none).not.toHaveBeenCalled();
    expect(a.track).not.toHaveBeenCalled();
  });
});

describe('group offers', () => {
  const o = (fetch: typeof globalThis.fetch) => ({ endpoint: 'https://api.test', site: 's', id: 'team3', token: TOKEN, visitor: 'v-1', fetch });

  it('join reports the round the server counted, and claim the code once unlocked', async () => {
    const round = { offer: { id: 'team3', title: 'Team', size: 3, windowHours: 24 }, members: 2, size: 3, unlocked: false, member: true, closesAt: 5 };
    const join = vi.fn(async () => new Response(JSON.stringify({ round }), { status: 201 }));
    expect(await joinGroupOffer(o(join))).toEqual({ ok: true, round });
    expect(join).toHaveBeenCalledWith('https://api.test/v1/group-offers/team3/join', expect.objectContaining({ body: JSON.stringify({ site: 's', visitor: 'v-1', token: TOKEN }) }));
    const locked = vi.fn(async () => new Response(JSON.stringify({ reason: 'locked', members: 2, size: 3 }), { status: 409 }));
    expect(await claimGroupOffer(o(locked))).toEqual({ ok: false, reason: 'locked', members: 2, size: 3 });
    const code = vi.fn(async () => new Response(JSON.stringify({ code: 'team15.x', title: '15% off', expiresAt: 9 }), { status: 201 }));
    expect(await claimGroupOffer(o(code))).toEqual({ ok: true, code: 'team15.x', title: '15% off', expiresAt: 9 });
    const down = vi.fn(async () => Promise.reject(new TypeError('offline')));
    expect(await joinGroupOffer(o(down))).toEqual({ ok: false, reason: 'network' });
  });
});

import { describe, expect, it } from 'vitest';
import { STORAGE_KINDS } from '../testing/storages';
import { serverPerTest } from '../testing/http';
import { testEvent } from '../testing/events';
import { identifySignature } from './tokens';

const ADMIN = 'admin-secret-0123456789';

describe.each(STORAGE_KINDS)('identity and profile sync on $name', ({ create }) => {
  const ctx = serverPerTest(create, { config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN } });

  const tokenFor = async (visitor: string) => {
    const res = await fetch(`${ctx.server.url}/v1/profiles/${visitor}/token?site=demo`, { method: 'POST' });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const putProfile = (visitor: string, token: string, profile: unknown) =>
    fetch(`${ctx.server.url}/v1/profiles/${visitor}?site=demo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    });
  const getProfile = (visitor: string, token: string) =>
    fetch(`${ctx.server.url}/v1/profiles/${visitor}?site=demo`, { headers: { authorization: `Bearer ${token}` } });
  const identify = (body: Record<string, unknown>, headers: Record<string, string> = {}) => ctx.server.post('/v1/identify', { site: 'demo', ...body }, { headers });

  it('syncs a profile only for the holder of that visitor token', async () => {
    const token = await tokenFor('v1');
    expect((await putProfile('v1', token, { affinity: { Shoes: 0.8 } })).status).toBe(204);
    const mine = await getProfile('v1', token);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ profile: { affinity: { Shoes: 0.8 } }, shared: false });

    const otherToken = await tokenFor('v2');
    expect((await getProfile('v1', otherToken)).status).toBe(401);
    expect((await putProfile('v1', otherToken, { hacked: true })).status).toBe(401);
    expect((await getProfile('v1', '')).status).toBe(401);
    expect((await fetch(`${ctx.server.url}/v1/profiles/v1/token?site=demo`, { method: 'POST' })).status).toBe(409);
    expect((await getProfile('v2', otherToken)).status).toBe(404);
    expect((await putProfile('v1', token, [1, 2])).status).toBe(400);
  });

  it('a second device of an identified customer starts with the profile synced from the first', async () => {
    const phone = await tokenFor('phone');
    await putProfile('phone', phone, { affinity: { Tents: 1 } });
    const linked = await identify({ visitor: 'phone', customer: 'cust-42', signature: identifySignature(ADMIN, 'demo', 'cust-42') });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toEqual({ customer: 'cust-42', previous: null });

    const laptopLink = await identify({ visitor: 'laptop', customer: 'cust-42', signature: identifySignature(ADMIN, 'demo', 'cust-42') });
    const { token: laptop } = (await laptopLink.json()) as { token: string };
    expect(laptop).toEqual(expect.any(String));
    const shared = await getProfile('laptop', laptop);
    expect(await shared.json()).toMatchObject({ profile: { affinity: { Tents: 1 } }, shared: true });

    await putProfile('laptop', laptop, { affinity: { Tents: 1, Stoves: 0.5 } });
    expect(await (await getProfile('phone', phone)).json()).toMatchObject({ profile: { affinity: { Stoves: 0.5 } } });
  });

  it('links through signed login events, as identify() in the browser sends them, and keeps no signature', async () => {
    const signature = identifySignature(ADMIN, 'demo', 'cust-7');
    const unsigned = testEvent({ visitor: 'v-unsigned', type: 'login', data: { customer_id: 'cust-7' } });
    const forged = testEvent({ visitor: 'v-forged', type: 'login', data: { customer_id: 'cust-7', customer_signature: identifySignature(ADMIN, 'demo', 'cust-8') } });
    const signed = testEvent({ visitor: 'v-signed', type: 'login', data: { customer_id: 'cust-7', customer_signature: signature } });
    const res = await ctx.server.post('/v1/events', { site: 'demo', events: [unsigned, forged, signed] });
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await ctx.t.storage.customerOf('demo', 'v-unsigned')).toBeUndefined();
    expect(await ctx.t.storage.customerOf('demo', 'v-forged')).toBeUndefined();
    expect(await ctx.t.storage.customerOf('demo', 'v-signed')).toBe('cust-7');
    expect((await ctx.t.storage.visitorEvents('demo', 'v-signed'))[0]?.data).toEqual({ customer_id: 'cust-7' });
    expect(await ctx.t.dump()).not.toContain(signature);
  });

  it('refuses identify without the admin key or a valid signature', async () => {
    const unsigned = await identify({ visitor: 'v1', customer: 'cust-1' });
    expect(unsigned.status).toBe(401);
    const forged = await identify({ visitor: 'v1', customer: 'cust-1', signature: identifySignature('some-other-key-0000', 'demo', 'cust-1') });
    expect(forged.status).toBe(401);
    const reused = await identify({ visitor: 'v1', customer: 'cust-2', signature: identifySignature(ADMIN, 'demo', 'cust-1') });
    expect(reused.status).toBe(401);
    const serverSide = await identify({ visitor: 'v1', customer: 'cust-1' }, { authorization: `Bearer ${ADMIN}` });
    expect(serverSide.status).toBe(200);
    expect(await ctx.t.storage.customerOf('demo', 'v1')).toBe('cust-1');
    expect(await (await identify({ visitor: 'v1' })).json()).toMatchObject({ field: 'customer' });
  });

  it('erasing a visitor removes events, profiles, links and token, and nothing of anyone else', async () => {
    const token = await tokenFor('v1');
    await putProfile('v1', token, { a: 1 });
    await identify({ visitor: 'v1', customer: 'cust-1' }, { authorization: `Bearer ${ADMIN}` });
    const other = await tokenFor('v2');
    await putProfile('v2', other, { b: 2 });
    await ctx.server.post('/v1/events', { site: 'demo', events: [testEvent({ visitor: 'v1' }), testEvent({ visitor: 'v2' })] });

    const erased = await fetch(`${ctx.server.url}/v1/visitors/v1?site=demo`, { method: 'DELETE' });
    expect(await erased.json()).toEqual({ erased: { events: 1, profiles: 1, links: 1 } });
    expect(await ctx.t.storage.visitorEvents('demo', 'v1')).toEqual([]);
    expect(await ctx.t.storage.customerOf('demo', 'v1')).toBeUndefined();
    expect(await ctx.t.storage.getProfile('demo', 'c:cust-1')).toBeUndefined();
    expect((await getProfile('v1', token)).status).toBe(404);
    expect(await (await getProfile('v2', other)).json()).toMatchObject({ profile: { b: 2 } });
    expect(await ctx.t.storage.visitorEvents('demo', 'v2')).toHaveLength(1);
    const everything = await ctx.t.dump();
    expect(everything).not.toContain('"v1"');
    expect(everything).not.toContain('cust-1');
    expect(everything).toContain('"v2"');
  });
});

import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, TEST_POSTGRES_URL } from '../testing/storages';
import { spawnServer, type ServerProcess } from '../../../../tests/server/spawn-server';

const ADMIN = 'group-offer-admin-key-0123456789';
const SHOPPERS = 150;
const SIZE = 100;

describe('group offer counting across processes', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('counts each distinct shopper once when joins (and repeats) race over two processes on one PostgreSQL', async () => {
    const schema = `affinity_group_${process.pid}_${randomBytes(3).toString('hex')}`;
    const file = join(tmpdir(), `affinity-group-${process.pid}-${randomBytes(4).toString('hex')}.json`);
    await writeFile(
      file,
      JSON.stringify({
        demo: {
          campaigns: [{ id: 'team10', kind: 'percentage', title: '10% together', discount: { type: 'percent', value: 10 }, caps: { total: 1000 } }],
          referrals: [{ id: 'share', title: 'Share', welcomeCampaign: 'team10', reward: { campaign: 'team10' } }],
          groupOffers: [{ id: 'team', title: 'Buy together', campaign: 'team10', size: SIZE, windowHours: 24 }],
        },
      }),
    );
    cleanups.push(() => rm(file, { force: true }), () => dropSchema(schema));
    const servers: ServerProcess[] = await Promise.all([0, 1].map(() => spawnServer(['--db', TEST_POSTGRES_URL, '--schema', schema, '--sites', 'demo=*', '--campaigns', file, '--admin-key', ADMIN])));
    cleanups.push(async () => void (await Promise.all(servers.map((s) => s.stop()))));
    const post = (i: number, path: string, body: unknown) =>
      fetch(servers[i % 2]!.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { token?: string; reason?: string; round?: { members: number; unlocked: boolean } },
      }));
    const { token } = (await post(0, '/v1/referrals/link', { site: 'demo', visitor: 'v-lead' })).body;

    // Every shopper joins twice, once through each process, all at the same time.
    const joins = await Promise.all(
      Array.from({ length: SHOPPERS * 2 }, (_, i) => post(i, '/v1/group-offers/team/join', { site: 'demo', visitor: `v-${i % SHOPPERS}`, token })),
    );
    expect(joins.filter((j) => j.status === 201)).toHaveLength(SHOPPERS);
    expect(joins.filter((j) => j.status === 200)).toHaveLength(SHOPPERS);
    // Members counted 1…150 exactly once each: no lost or double increments.
    const counts = joins.filter((j) => j.status === 201).map((j) => j.body.round!.members).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: SHOPPERS }, (_, i) => i + 1));
    // The round unlocked at the SIZE-th join, and not before.
    expect(joins.filter((j) => j.status === 201 && j.body.round!.unlocked).map((j) => j.body.round!.members).sort((a, b) => a - b)[0]).toBe(SIZE);
    const claimed = await post(1, '/v1/group-offers/team/claim', { site: 'demo', visitor: 'v-7', token });
    expect(claimed.status).toBe(201);
  }, 120_000);
});

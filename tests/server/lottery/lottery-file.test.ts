import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../packages/server/src/campaigns/campaign.schema';
import { parseLotterySections } from '../../../packages/server/src/lottery/lottery-file';
import { spawnServer } from '../spawn-server';

const ADMIN = 'lottery-file-admin-key-0123456789';
const CAMPAIGN = { id: 'five-off', kind: 'fixed', title: '5 off', discount: { type: 'amount', value: 5 } };
const WHEEL = {
  id: 'wheel',
  title: 'Spin',
  cost: 10,
  prizes: [
    { id: 'lose', label: 'Try again', kind: 'none', weight: 3 },
    { id: 'code', label: '5 off', kind: 'coupon', weight: 1, campaign: 'five-off', stock: 2 },
  ],
};

const issuesOf = (input: unknown, campaigns: string[]) => {
  try {
    parseLotterySections(input, (_site, id) => campaigns.includes(id));
    return [];
  } catch (error) {
    return (error as DefinitionError).issues;
  }
};

describe('lotteries in the campaigns file', () => {
  const files: string[] = [];
  afterAll(async () => {
    for (const f of files) await rm(f, { force: true });
  });
  const write = async (json: unknown) => {
    const file = join(tmpdir(), `affinity-lottery-file-${process.pid}-${randomBytes(4).toString('hex')}.json`);
    files.push(file);
    await writeFile(file, JSON.stringify(json));
    return file;
  };

  it('names every wrong field with its path in the file', () => {
    const bad = { ...WHEEL, cost: 0, prizes: [{ ...WHEEL.prizes[1], campaign: 'gone' }] };
    expect(issuesOf({ demo: { lotteries: [WHEEL, bad] } }, ['five-off'])).toEqual([
      { path: 'demo.lotteries[1].cost', message: expect.any(String) },
    ]);
    expect(issuesOf({ demo: { lotteries: [WHEEL, { ...bad, cost: 5 }] } }, ['five-off'])).toEqual([
      { path: 'demo.lotteries[1].id', message: 'duplicate lottery id "wheel"' },
      { path: 'demo.lotteries[1].prizes[0].campaign', message: 'no campaign "gone" on site "demo" (define it in "campaigns")' },
    ]);
    expect(issuesOf({ demo: { lotteries: { wheel: WHEEL } } }, [])).toEqual([{ path: 'demo.lotteries', message: 'expected an array of lotteries' }]);
  });

  it('a server started with the file serves the lottery with its odds and stock', async () => {
    const file = await write({ demo: { campaigns: [CAMPAIGN], lotteries: [WHEEL] } });
    const server = await spawnServer(['--db', ':memory:', '--sites', 'demo=*', '--campaigns', file, '--admin-key', ADMIN]);
    try {
      const r = await fetch(`${server.url}/v1/lotteries/wheel?site=demo`);
      expect(r.status).toBe(200);
      const { lottery } = (await r.json()) as { lottery: { prizes: { id: string; remaining: number | null; odds: number }[] } };
      expect(lottery.prizes).toEqual([
        expect.objectContaining({ id: 'lose', remaining: null, odds: 0.75 }),
        expect.objectContaining({ id: 'code', remaining: 2, odds: 0.25 }),
      ]);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('a server refuses to start on a bad lottery and says which field', async () => {
    const file = await write({ demo: { campaigns: [CAMPAIGN], lotteries: [{ ...WHEEL, prizes: [{ ...WHEEL.prizes[1], campaign: 'nope' }] }] } });
    const failed = await spawnServer(['--db', ':memory:', '--sites', 'demo=*', '--campaigns', file]).then(
      async (s) => {
        await s.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(failed).toContain('--campaigns');
    expect(failed).toContain('demo.lotteries[0].prizes[0].campaign: no campaign "nope"');
  }, 60_000);
});

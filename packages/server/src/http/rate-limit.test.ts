import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLimiter } from './rate-limit';
import { createSqliteStorage } from '../storage/sqlite';
import { startTestServer, type TestServer } from '../testing/http';
import { testEvent } from '../testing/events';

describe('token bucket', () => {
  it('allows the burst, then asks to wait until a token is back', () => {
    const limiter = createLimiter({ burst: 3, perSecond: 0.5 });
    expect([0, 1, 2].map(() => limiter.take('a', 1000))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 1000)).toBe(2);
    expect(limiter.take('b', 1000)).toBe(0);
    expect(limiter.take('a', 3000)).toBe(0);
  });
});

describe('rate limits over HTTP', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({
      storage: createSqliteStorage({ file: ':memory:' }),
      config: { sites: { demo: { origins: ['*'] }, other: { origins: ['*'] } }, rateLimit: { perIp: { burst: 5, perSecond: 0.01 }, perSite: { burst: 2, perSecond: 0.01 } } },
    });
  });
  afterEach(async () => {
    await server.close();
    await server.app.context.storage.close();
  });

  it('answers 429 with Retry-After once a site spends its budget, without touching other sites', async () => {
    const send = (site: string) => server.post('/v1/events', { site, events: [testEvent()] });
    expect((await send('demo')).status).toBe(202);
    expect((await send('demo')).status).toBe(202);
    const limited = await send('demo');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: expect.stringMatching(/site/) });
    expect((await send('other')).status).toBe(202);
    expect(await server.app.context.storage.countEvents('demo')).toBe(2);
  });

  it('answers 429 per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${server.url}/v1/health`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

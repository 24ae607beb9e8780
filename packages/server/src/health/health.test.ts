import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../storage/sqlite';
import { startTestServer, type TestServer } from '../testing/http';
import type { Storage } from '../storage/storage';

describe('GET /v1/health', () => {
  let storage: Storage;
  let server: TestServer;
  beforeEach(async () => {
    storage = createSqliteStorage({ file: ':memory:' });
    server = await startTestServer({ storage });
  });
  afterEach(async () => {
    await server.close();
    await storage.close();
  });

  it('says ok while the database answers', async () => {
    const res = await fetch(`${server.url}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, storage: 'sqlite' });
  });

  it('answers 503 once the database is gone', async () => {
    await storage.close();
    const res = await fetch(`${server.url}/v1/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false });
  });

  it('answers unknown paths with a JSON 404 and wrong methods with 405', async () => {
    const missing = await fetch(`${server.url}/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: expect.stringContaining('/v1/nothing') });
    const wrong = await fetch(`${server.url}/v1/health`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

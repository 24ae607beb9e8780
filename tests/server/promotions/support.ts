import { STORAGE_KINDS, type TestStorage } from '../../../packages/server/src/testing/storages';
import { startTestServer, type TestServer } from '../../../packages/server/src/testing/http';
import { setupPromotions, type Promotions } from '../../../packages/server/src/promotions/promotions';
import { parseDefinitions } from '../../../packages/server/src/campaigns/campaign.schema';

export const ADMIN_KEY = 'test-admin-key-0123456789';
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
export const HOUR = 3_600_000;

/** A promotions server for one test file, on one engine, with a clock the test moves. */
export interface PromoServer {
  server: TestServer;
  promotions: Promotions;
  storage: TestStorage;
  clock: { now: number };
  /** POST with the secret key (server-to-server). */
  admin(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** POST as a browser would. */
  post(path: string, body: unknown): Promise<Response>;
  get(path: string, secret?: boolean): Promise<Response>;
  destroy(): Promise<void>;
}

/**
 * Start the real app with promotions on a fresh SQLite file or PostgreSQL schema, load
 * `definitions` for site `demo` and start the clock at {@link T0}.
 */
export async function startPromoServer(kind: 'sqlite' | 'postgres', definitions: unknown): Promise<PromoServer> {
  const storage = await STORAGE_KINDS.find((k) => k.name === kind)!.create();
  const clock = { now: T0 };
  const promotions = await setupPromotions(storage.storage, { now: () => clock.now });
  const defs = parseDefinitions({ demo: definitions });
  await promotions.store.putCampaigns('demo', defs.demo!.campaigns);
  await promotions.store.putFlashSales('demo', defs.demo!.flashSales);
  const server = await startTestServer({ storage: storage.storage, promotions, config: { adminKey: ADMIN_KEY, sites: { demo: { origins: ['*'] } } } });
  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return {
    server,
    promotions,
    storage,
    clock,
    admin: (path, body, headers = {}) => json('POST', path, body, { authorization: `Bearer ${ADMIN_KEY}`, ...headers }),
    post: (path, body) => json('POST', path, body),
    get: (path, secret = false) => fetch(server.url + path, { headers: secret ? { authorization: `Bearer ${ADMIN_KEY}` } : {} }),
    async destroy() {
      await server.close();
      await storage.destroy();
    },
  };
}

export const ENGINES = ['sqlite', 'postgres'] as const;

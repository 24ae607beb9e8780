import type { Route } from '../http/router';
import { sendJson } from '../http/respond';
import type { AppContext } from '../app-context';

/** `GET /v1/health`: `200 { ok: true, storage }` when the database answers, `503` otherwise. */
export function healthRoutes(app: AppContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/health',
      handler: async ({ res }) => {
        try {
          await app.storage.ping();
          sendJson(res, 200, { ok: true, storage: app.storage.kind }, { 'cache-control': 'no-store' });
        } catch (error) {
          sendJson(res, 503, { ok: false, storage: app.storage.kind, error: String((error as Error).message) });
        }
      },
    },
  ];
}

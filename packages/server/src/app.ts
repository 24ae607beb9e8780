import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { resolveConfig, type ServerConfig } from './config';
import type { AppContext } from './app-context';
import { createAccess } from './http/cors';
import { createLimits } from './http/rate-limit';
import { HttpError, sendError, sendJson } from './http/respond';
import { createRouter } from './http/router';
import { createStatic, type StaticDirs } from './http/static';
import type { Storage } from './storage/storage';
import { eventsRoutes } from './events/events.routes';
import { healthRoutes } from './health/health.routes';
import { visitorsRoutes } from './visitors/visitors.routes';
import { promotionsRoutes } from './promotions/promotions.routes';
import type { Promotions } from './promotions/promotions';
import { lotteryRoutes } from './lottery/lottery.routes';
import { referralRoutes } from './referrals/referrals.routes';
import { createReferralRewards } from './referrals/referral-rewards';
import { catalogRoutes } from './catalog/catalog.routes';
import { createModelService } from './model/model-service';
import { modelRoutes } from './model/model.routes';
import { createTokens } from './identity/tokens';
import { identityRoutes } from './identity/identity.routes';
import { profilesRoutes } from './profiles/profiles.routes';
import { statsRoutes } from './admin/stats.routes';
import { insightsRoutes } from './admin/insights.routes';
import { experimentsRoutes } from './experiments/experiments.routes';
import { createSessionsService } from './sessions/sessions-service';
import { sessionsRoutes } from './sessions/sessions.routes';
import { createClustersService } from './clusters/clusters-service';
import { clustersRoutes } from './clusters/clusters.routes';
import { clustersIfReady } from './clusters/model-clusters';
import { storageProfileScan } from './clusters/profile-source';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Where events live; the app never opens a database itself. */
  storage: Storage;
  /** Validated by {@link resolveConfig}; omitted settings take their defaults. */
  config?: Partial<ServerConfig>;
  /** Static files (demo store, embed script) by URL prefix; see `createStatic`. */
  staticDir?: StaticDirs;
  /** Page for extension-less paths with no file (single-page app); see `createStatic`. */
  staticFallback?: string;
  /** Coupons, flash sales and points (see `setupPromotions`); their endpoints are absent without it. */
  promotions?: Promotions;
}

/** A built app: the `node:http` request handler and a way to stop its background work. */
export interface App {
  handler: RequestListener;
  context: AppContext;
  /** Stop timers. The storage belongs to the caller and is not closed. */
  close(): Promise<void>;
}

/**
 * Build the Affinity HTTP API over a storage.
 *
 * @example
 * const app = createApp({ storage: createSqliteStorage({ file: ':memory:' }), config: { sites: { demo: { origins: ['*'] } } } });
 * http.createServer(app.handler).listen(8787);
 */
export function createApp(options: AppOptions): App {
  const config = resolveConfig(options.config);
  const adminDigest = config.adminKey ? digest(config.adminKey) : undefined;
  const context: AppContext = {
    config,
    storage: options.storage,
    access: createAccess(config),
    limits: createLimits(config.rateLimit.perIp, config.rateLimit.perSite),
    tokens: createTokens(config.adminKey),
    referralRewards: options.promotions ? createReferralRewards(options.promotions) : undefined,
    isAdmin(req) {
      const auth = req.headers.authorization;
      if (!adminDigest || !auth?.startsWith('Bearer ')) return false;
      return timingSafeEqual(digest(auth.slice(7)), adminDigest);
    },
  };
  const clusters = createClustersService(storageProfileScan(options.storage));
  // The model carries the cluster centroids so pages assign their shopper without another request.
  const models = createModelService(options.storage, { ...config.model, clusters: clustersIfReady(clusters) });
  const sessions = createSessionsService(options.storage, { intervalMs: config.model.intervalMs });
  const router = createRouter([
    ...healthRoutes(context),
    ...eventsRoutes(context, models),
    ...visitorsRoutes(context, options.promotions),
    ...(options.promotions ? promotionsRoutes(context, options.promotions) : []),
    ...(options.promotions ? lotteryRoutes(context, options.promotions) : []),
    ...(options.promotions ? referralRoutes(context, options.promotions) : []),
    ...catalogRoutes(context),
    ...modelRoutes(context, models),
    ...identityRoutes(context),
    ...profilesRoutes(context),
    ...statsRoutes(context, models, options.promotions),
    ...insightsRoutes(context, models, options.promotions),
    ...experimentsRoutes(context),
    ...sessionsRoutes(context, sessions),
    ...clustersRoutes(context, clusters),
  ]);
  const serveStatic = options.staticDir ? createStatic(options.staticDir, { fallback: options.staticFallback }) : undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isApi = url.pathname.startsWith('/v1/');
    if (isApi) {
      context.access.applyCors(req, res);
      if (req.method === 'OPTIONS') return context.access.preflight(req, res);
      context.limits.checkIp(req.socket.remoteAddress ?? 'unknown');
    }
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (match.kind === 'found') return match.handler({ req, res, url, params: match.params });
    if (match.kind === 'method-not-allowed') {
      throw new HttpError(405, `Method ${req.method} is not allowed here; use ${match.allow.join(', ')}.`, undefined, { allow: match.allow.join(', ') });
    }
    if (serveStatic && !isApi && (await serveStatic(req, res, url.pathname))) return;
    throw new HttpError(404, `No such endpoint: ${req.method} ${url.pathname}. The API lives under /v1/ (see the README).`);
  };

  return {
    context,
    handler(req, res) {
      handle(req, res).catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof HttpError) return sendError(res, error);
        console.error('affinity-server: unexpected error', error);
        sendJson(res, 500, { error: 'Internal server error; the request was not processed, retry later.' });
      });
    },
    async close() {
      models.close();
      sessions.close();
      clusters.close();
    },
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

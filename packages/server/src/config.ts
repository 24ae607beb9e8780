import * as v from 'valibot';
import { describeIssue } from './events/events.schema';
import type { ModelOptions } from './model/build-model';

/** Per-site settings. */
export interface SiteConfig {
  /** Origins allowed to call collection endpoints for this site; `*` allows any (local development). */
  origins: string[];
}

/** Token-bucket limits: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** Everything `createApp` can be configured with; see {@link resolveConfig} for defaults. */
export interface ServerConfig {
  /**
   * Known sites by public site key. `undefined` is open development mode: every site key is
   * accepted from every origin (the CLI warns about it).
   */
  sites: Record<string, SiteConfig> | undefined;
  /** Secret for admin and server-to-server endpoints (`Authorization: Bearer …`); admin is off without it. */
  adminKey: string | undefined;
  /** Largest request body accepted, in bytes. Default 512 KiB. */
  maxBodyBytes: number;
  /** Largest catalog upload to the admin endpoint, in bytes. Default 20 MiB. */
  maxCatalogBytes: number;
  /**
   * Model schedule and tuning (see `ModelOptions`): a full rebuild from storage every
   * `intervalMs` (default 60 s); events this process receives show within `refreshMs` (default 2 s).
   */
  model: { intervalMs: number; refreshMs?: number } & Partial<ModelOptions>;
  /** Per client IP and per site; `undefined` turns a limit off. */
  rateLimit: { perIp: RateLimit | undefined; perSite: RateLimit | undefined };
}

const RateLimitSchema = v.object({
  burst: v.pipe(v.number(), v.integer(), v.minValue(1)),
  perSecond: v.pipe(v.number(), v.minValue(0.001)),
});

const ORIGIN = /^(\*|https?:\/\/[^/\s]+)$/;

const ConfigSchema = v.object({
  sites: v.optional(
    v.record(
      v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'site keys are 1–64 letters, digits, "_", "." or "-"')),
      v.object({ origins: v.array(v.pipe(v.string(), v.regex(ORIGIN, 'origins look like https://shop.example (no path) or *'))) }),
    ),
  ),
  adminKey: v.optional(v.pipe(v.string(), v.minLength(16, 'the admin key must be at least 16 characters'))),
  maxBodyBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024)), 512 * 1024),
  maxCatalogBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024)), 20 * 1024 * 1024),
  model: v.optional(
    v.object({
      intervalMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1000)), 60_000),
      refreshMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100)), 2000),
      halfLifeDays: v.optional(v.pipe(v.number(), v.minValue(0.01))),
      trendingHalfLifeDays: v.optional(v.pipe(v.number(), v.minValue(0.01))),
      topK: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
      minSupport: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      maxBasket: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2))),
      popularLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      categoryLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    }),
    {},
  ),
  rateLimit: v.optional(
    v.object({ perIp: v.optional(RateLimitSchema), perSite: v.optional(RateLimitSchema) }),
    {},
  ),
});

/** Configuration that failed validation; the message names the setting. */
export class ConfigError extends Error {}

/**
 * Validate configuration and fill defaults, failing fast with a message naming the setting.
 *
 * @example
 * resolveConfig({ sites: { demo: { origins: ['*'] } } }).maxBodyBytes; // 524288
 */
export function resolveConfig(input: Partial<ServerConfig> = {}): ServerConfig {
  const result = v.safeParse(ConfigSchema, input);
  if (!result.success) {
    const { error } = describeIssue(result.issues[0]);
    throw new ConfigError(`Invalid server configuration: ${error}. See "affinity-server --help".`);
  }
  const c = result.output;
  return {
    sites: c.sites,
    adminKey: c.adminKey,
    maxBodyBytes: c.maxBodyBytes,
    maxCatalogBytes: c.maxCatalogBytes,
    model: c.model as ServerConfig['model'],
    rateLimit: { perIp: c.rateLimit.perIp, perSite: c.rateLimit.perSite },
  };
}

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, type ServerConfig, type SiteConfig } from './config';

/** What the command line asks for, before anything is opened. */
export interface CliOptions {
  port: number;
  host: string;
  db: string;
  /** PostgreSQL schema (ignored for SQLite). */
  schema: string | undefined;
  catalog: string | undefined;
  /** Site the `--catalog` file belongs to. */
  catalogSite: string;
  /** Campaigns and flash sales to load at start (see the Promotions section of the README). */
  campaigns: string | undefined;
  /** Coupon signing secret; without it the server generates one and keeps it in the database. */
  couponSecret: string | undefined;
  staticDir: Record<string, string[]> | undefined;
  /** Page served for extension-less paths that match no file (a single-page app's index.html). */
  staticFallback: string | undefined;
  config: Partial<ServerConfig>;
  help: boolean;
}

/** Shown by `affinity-server --help`. */
export const USAGE = `Usage: affinity-server [options]

  --port <n>            TCP port (default 8787)
  --host <addr>         interface to bind (default 127.0.0.1; 0.0.0.0 for all)
  --db <file | url>     SQLite file (default ./data/affinity.sqlite) or postgres://… URL
  --schema <name>       PostgreSQL schema (default public)
  --catalog <file>      products to import at start (JSON array or CSV)
  --catalog-site <key>  site the catalog belongs to (default: the only --sites key, else "demo")
  --campaigns <file>    campaigns and flash sales to load at start (JSON, by site)
  --coupon-secret <s>   coupon signing secret, 32+ characters (or AFFINITY_COUPON_SECRET);
                        default: generated once and kept in the database
  --sites <spec>        site keys and their allowed origins:
                          "demo=*;shop=https://shop.example,https://www.shop.example"
                        or a JSON file {"shop": {"origins": ["https://shop.example"]}}.
                        Without it every site key and origin is accepted (development only).
  --admin-key <secret>  secret for admin and server-to-server calls (or AFFINITY_ADMIN_KEY)
  --static <p>=<dir>    serve files from <dir> under URL prefix <p>; repeatable, also for
                        one prefix (searched in order)
                          e.g. --static /=demo-store/dist --static /assets/=packages/embed/dist
  --fallback <file>     page for extension-less paths with no file (a single-page app)
  --model-interval <s> seconds between full model rebuilds from storage (default 60)
  --model-refresh <s>   longest delay before received events show in the model (default 2)
  --half-life <days>    popularity half-life (default 14)
  --min-support <n>     co-occurrence pairs seen fewer times are pruned (default 2)
  --top-k <n>           neighbours kept per item (default 10)
  --max-body <bytes>    largest request body (default 524288)
  --rate-ip <n>/<s>     per-IP limit, n requests burst refilled at n per s seconds (default 600/10)
  --rate-site <n>/<s>   per-site limit (default off)
  --help                this text
`;

/**
 * Parse `affinity-server` flags into options, throwing {@link ConfigError} with the flag's name
 * when a value is malformed.
 *
 * @example
 * parseCli(['--port', '9000', '--sites', 'demo=*']).port; // 9000
 */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string', default: './data/affinity.sqlite' },
        schema: { type: 'string' },
        catalog: { type: 'string' },
        'catalog-site': { type: 'string' },
        campaigns: { type: 'string' },
        'coupon-secret': { type: 'string' },
        sites: { type: 'string' },
        'admin-key': { type: 'string' },
        static: { type: 'string', multiple: true },
        fallback: { type: 'string' },
        'max-body': { type: 'string' },
        'model-interval': { type: 'string', default: '60' },
        'model-refresh': { type: 'string', default: '2' },
        'half-life': { type: 'string' },
        'min-support': { type: 'string' },
        'top-k': { type: 'string' },
        'rate-ip': { type: 'string', default: '600/10' },
        'rate-site': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be an integer 0–65535, got "${values.port}".`);
  const config: Partial<ServerConfig> = {
    sites: values.sites === undefined ? undefined : parseSites(values.sites),
    adminKey: values['admin-key'] ?? env.AFFINITY_ADMIN_KEY,
    rateLimit: { perIp: parseRate('--rate-ip', values['rate-ip']), perSite: parseRate('--rate-site', values['rate-site']) },
  };
  config.model = {
    intervalMs: number('--model-interval', values['model-interval']!) * 1000,
    refreshMs: Math.round(number('--model-refresh', values['model-refresh']!) * 1000),
    halfLifeDays: values['half-life'] === undefined ? undefined : number('--half-life', values['half-life']),
    minSupport: values['min-support'] === undefined ? undefined : number('--min-support', values['min-support']),
    topK: values['top-k'] === undefined ? undefined : number('--top-k', values['top-k']),
  };
  if (values['max-body'] !== undefined) config.maxBodyBytes = Number(values['max-body']);
  return {
    port,
    host: values.host!,
    db: values.db!,
    schema: values.schema,
    catalog: values.catalog,
    catalogSite: values['catalog-site'] ?? (config.sites && Object.keys(config.sites).length === 1 ? Object.keys(config.sites)[0]! : 'demo'),
    campaigns: values.campaigns,
    couponSecret: values['coupon-secret'] ?? env.AFFINITY_COUPON_SECRET,
    staticDir: values.static ? parseStatic(values.static) : undefined,
    staticFallback: values.fallback,
    config,
    help: values.help!,
  };
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new ConfigError(`${flag} must be a positive number, got "${value}".`);
  return n;
}

function parseSites(spec: string): Record<string, SiteConfig> {
  if (spec.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(spec, 'utf8')) as Record<string, SiteConfig>;
    } catch (error) {
      throw new ConfigError(`--sites: cannot read ${spec}: ${(error as Error).message}`);
    }
  }
  const sites: Record<string, SiteConfig> = {};
  for (const entry of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq < 1) throw new ConfigError(`--sites: expected "site=origin[,origin…]", got "${entry}".`);
    sites[entry.slice(0, eq).trim()] = { origins: entry.slice(eq + 1).split(',').map((o) => o.trim()).filter(Boolean) };
  }
  return sites;
}

function parseRate(flag: string, value: string | undefined) {
  if (value === undefined || value === 'off') return undefined;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  if (!m) throw new ConfigError(`${flag}: expected "<requests>/<seconds>" such as 600/10, or "off"; got "${value}".`);
  const burst = Number(m[1]);
  return { burst, perSecond: burst / Number(m[2]) };
}

function parseStatic(entries: string[]): Record<string, string[]> {
  const dirs: Record<string, string[]> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 1 || !entry.startsWith('/')) throw new ConfigError(`--static: expected "/prefix=directory", got "${entry}".`);
    // A prefix given several times is served from each directory in turn.
    (dirs[entry.slice(0, eq)] ??= []).push(entry.slice(eq + 1));
  }
  return dirs;
}

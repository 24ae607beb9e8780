import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args';
import { ConfigError, resolveConfig } from './config';

describe('affinity-server flags', () => {
  it('defaults to SQLite on port 8787 in open development mode', () => {
    const o = parseCli([], {});
    expect(o).toMatchObject({ port: 8787, db: './data/affinity.sqlite', host: '127.0.0.1' });
    expect(o.config.sites).toBeUndefined();
    expect(o.config.rateLimit?.perIp).toEqual({ burst: 600, perSecond: 60 });
  });

  it('parses sites with their origins, static mounts and the admin key from the environment', () => {
    const o = parseCli(['--sites', 'demo=*; shop=https://shop.example,https://www.shop.example', '--static', '/=site', '--static', '/assets/=dist'], {
      AFFINITY_ADMIN_KEY: 'k'.repeat(20),
    });
    expect(o.config.sites).toEqual({ demo: { origins: ['*'] }, shop: { origins: ['https://shop.example', 'https://www.shop.example'] } });
    expect(o.staticDir).toEqual({ '/': ['site'], '/assets/': ['dist'] });
    expect(o.config.adminKey).toBe('k'.repeat(20));
  });

  it('fails fast naming the flag', () => {
    expect(() => parseCli(['--port', 'eighty'], {})).toThrow(/--port/);
    expect(() => parseCli(['--rate-ip', 'lots'], {})).toThrow(/--rate-ip/);
    expect(() => parseCli(['--sites', 'justaname'], {})).toThrow(/--sites/);
    expect(() => parseCli(['--colour'], {})).toThrow(ConfigError);
  });

  it('rejects configuration that would be unsafe or unusable, naming the setting', () => {
    expect(() => resolveConfig({ adminKey: 'short' })).toThrow(/adminKey.*16 characters/);
    expect(() => resolveConfig({ sites: { demo: { origins: ['shop.example/path'] } } })).toThrow(/sites\.demo\.origins\.0/);
    expect(() => resolveConfig({ maxBodyBytes: 10 })).toThrow(/maxBodyBytes/);
  });
});

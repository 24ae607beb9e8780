// The local collector every tracker sends to: answers 2xx to everything (with CORS and CORP so
// a cross-origin-isolated page may talk to it), counts events per wire format, and a blackhole
// proxy that refuses and counts whatever tries to leave the machine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countWire } from './wire';

/** The event name the benchmark tracks; the SDKs' own events (page views...) are counted apart. */
export const BENCH_EVENT = 'view_item';

/** What arrived since the last `reset()`. */
export interface Tally {
  requests: number;
  /** Every event in every payload, the SDKs' own included, duplicates included. */
  events: number;
  /** Benchmark events delivered: distinct ids, plus id-less ones (Algolia) as they come. */
  delivered: number;
  /** Benchmark events that arrived again with an id already seen (retries). */
  duplicates: number;
}

function cors(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
  res.setHeader('access-control-max-age', '600');
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Starts the collector on a free loopback port.
 * @example const c = await startCollector(); c.reset(); …; c.tally().unique
 */
export async function startCollector() {
  let seen = new Set<string>();
  let tally: Tally = { requests: 0, events: 0, delivered: 0, duplicates: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      cors(req, res);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      const url = new URL(req.url ?? '/', 'http://x');
      let wire;
      try {
        wire = countWire(req.method ?? 'GET', url.pathname, url.search, String(req.headers['content-type'] ?? ''), Buffer.concat(chunks));
      } catch {
        wire = undefined;
      }
      tally.requests++;
      for (const e of wire?.events ?? []) {
        tally.events++;
        if (e.name !== BENCH_EVENT) continue;
        if (e.id === undefined || !seen.has(e.id)) tally.delivered++;
        else tally.duplicates++;
        if (e.id !== undefined) seen.add(e.id);
      }
      // Affinity's documented answer; the others only look at the status.
      const body = wire?.format === 'affinity' ? { accepted: wire.events.length, duplicates: 0, rejected: [] } : {};
      res.writeHead(wire?.format === 'affinity' ? 202 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  server.keepAliveTimeout = 30_000;
  const url = await listen(server);
  return {
    url,
    /** What arrived since the last reset. */
    tally: (): Tally => ({ ...tally }),
    reset() {
      seen = new Set();
      tally = { requests: 0, events: 0, delivered: 0, duplicates: 0 };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A proxy for every non-loopback request of the browser context: refuses it (403) and counts it
 * by host, so "nothing reached the internet" is checked rather than assumed.
 * @example const bh = await startBlackhole(); browser.newContext({ proxy: { server: bh.url, bypass: '127.0.0.1' } })
 */
export async function startBlackhole() {
  const hosts = new Map<string, number>();
  const note = (host: string) => hosts.set(host, (hosts.get(host) ?? 0) + 1);
  const server = createServer((req, res) => {
    note(new URL(req.url ?? '/', 'http://unknown').host);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    note(req.url ?? 'unknown');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  const url = await listen(server);
  return {
    url,
    /** Blocked requests by host since the last `reset()`. */
    blocked: () => Object.fromEntries(hosts),
    reset: () => hosts.clear(),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

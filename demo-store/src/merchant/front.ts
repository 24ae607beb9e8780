import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxy } from '../serve/dev-server';
import { OrderError, parseOrderRequest, placeOrder, type MerchantOptions } from './place-order';

/** Options of {@link startMerchantFront}. */
export interface MerchantFrontOptions extends Omit<MerchantOptions, 'api'> {
  /** The Affinity server (it serves the store's files, the API and the dashboard). */
  upstream: string;
  port?: number;
  host?: string;
}

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      reject(new OrderError(`body: larger than ${MAX_BODY} bytes`));
      req.destroy();
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new OrderError('body: not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * The demo shop's own front server: `POST /shop/orders` is the merchant's checkout (see
 * `placeOrder`); everything else goes to the Affinity server unchanged, so the page, the API and
 * the admin dashboard stay on one origin, as in a real deployment behind the shop's domain.
 *
 * @example
 * const front = await startMerchantFront({ upstream: 'http://127.0.0.1:8788', port: 8787, site: 'demo', adminKey, priceOf });
 */
export async function startMerchantFront(o: MerchantFrontOptions): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/shop/orders') return proxy(o.upstream, req, res);
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    void (async () => {
      try {
        const order = parseOrderRequest(await readBody(req));
        if (typeof order === 'string') return reply(400, { error: order });
        reply(200, await placeOrder(order, { ...o, api: o.upstream }));
      } catch (error) {
        if (error instanceof OrderError) return reply(422, { error: error.message });
        console.error('demo shop: order failed:', error);
        reply(502, { error: 'The shop could not reach Affinity; try again (the same order id is never charged twice).' });
      }
    })();
  });
  await new Promise<void>((r) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${o.host ?? '127.0.0.1'}:${port}`, server, close: () => new Promise<void>((r) => server.close(() => r())) };
}

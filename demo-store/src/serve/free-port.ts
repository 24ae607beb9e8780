import { createServer } from 'node:net';

/**
 * A loopback port free right now (for a server started next, e.g. the Affinity server behind the
 * demo shop's front, or one a test restarts on the same port).
 *
 * @example const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

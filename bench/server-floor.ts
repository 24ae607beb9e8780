// The floor for bench/server-ingest.bench.ts: a bare node:http handler that parses the JSON and
// inserts the batch in one transaction through the same storage, with no routing, validation,
// CORS or rate limiting. Started as a child process: `tsx bench/server-floor.ts <db> [schema]`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AffinityEvent } from '@affinity/core';
import { openStorage } from '../packages/server/src/storage/open';

const [db = ':memory:', schema] = process.argv.slice(2);
const storage = await openStorage(db, { schema });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { site: string; events: AffinityEvent[] };
    storage.insertEvents(body.site, body.events).then((r) => {
      const text = JSON.stringify(r);
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void storage.close().then(() => process.exit(0));
});

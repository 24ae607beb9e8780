import { createServer } from 'node:http';
import { createApp } from './app';
import { parseCli, USAGE } from './cli-args';
import { ConfigError } from './config';
import { openStorage } from './storage/open';
import { importCatalogFile } from './catalog/catalog-file';
import { setupPromotions } from './promotions/promotions';
import { DefinitionError } from './campaigns/campaign.schema';
import { loadLotteriesFile } from './lottery/lottery-file';
import { loadReferralsFile } from './referrals/referral-file';

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!options.config.sites) console.warn('affinity-server: no --sites given, accepting every site key from every origin (development mode).');
  const storage = await openStorage(options.db, { schema: options.schema });
  if (options.catalog) {
    const { imported, rejected } = await importCatalogFile(storage, options.catalogSite, options.catalog);
    console.log(`affinity-server: imported ${imported} products into site "${options.catalogSite}" from ${options.catalog}`);
    for (const r of rejected.slice(0, 10)) console.warn(`affinity-server: catalog row ${r.index} refused: ${r.error}`);
    if (rejected.length > 10) console.warn(`affinity-server: … and ${rejected.length - 10} more refused rows`);
  }
  const promotions = await setupPromotions(storage, { campaignsFile: options.campaigns, secret: options.couponSecret });
  if (options.campaigns) {
    await loadLotteriesFile(options.campaigns, promotions);
    await loadReferralsFile(options.campaigns, promotions);
  }
  const app = createApp({ storage, config: options.config, staticDir: options.staticDir, staticFallback: options.staticFallback, promotions });

  const server = createServer({ keepAliveTimeout: 65_000 }, app.handler);
  server.on('error', (error) => {
    console.error(`affinity-server: cannot listen on ${options.host}:${options.port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(options.port, options.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    console.log(`affinity-server listening on http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port} (${storage.kind})`);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    void app.close().then(() => storage.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ConfigError || message.startsWith('--')) console.error(`affinity-server: ${message}`);
  else if (error instanceof DefinitionError) console.error(`affinity-server: --campaigns: ${message}`);
  else if (message.startsWith('Catalog')) console.error(`affinity-server: --catalog: ${message}`);
  else console.error('affinity-server: failed to start:', error);
  process.exit(1);
});

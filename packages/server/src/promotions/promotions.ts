import { readFileSync } from 'node:fs';
import type { Storage } from '../storage/storage';
import { parseDefinitions, DefinitionError } from '../campaigns/campaign.schema';
import { openPromotionStore } from './open-promotion-store';
import type { PromotionStore } from './promotion-store';

/** What the promotion endpoints share: their store, the signing secret, the event storage and a clock. */
export interface Promotions {
  store: PromotionStore;
  /** Coupon signing secret. Never sent to browsers. */
  secret: string;
  /** Event storage, read for what the server can verify itself (a visitor's purchases, their events). */
  storage: Storage;
  /** Server time, epoch ms; injectable for tests. */
  now(): number;
}

/** Options of {@link setupPromotions}. */
export interface PromotionsSetup {
  /** A campaigns JSON file to load (upserted; campaigns defined through the admin API stay). */
  campaignsFile?: string;
  /** Coupon signing secret (at least 32 characters); without it one is generated once and kept in the database. */
  secret?: string;
  now?: () => number;
}

/**
 * Open the promotion store on an event storage, load a campaigns file and settle the signing
 * secret. Bad definitions throw a {@link DefinitionError} naming every wrong field.
 *
 * @example
 * const promotions = await setupPromotions(storage, { campaignsFile: 'campaigns.json' });
 * createApp({ storage, promotions });
 */
export async function setupPromotions(storage: Storage, options: PromotionsSetup = {}): Promise<Promotions> {
  if (options.secret !== undefined && options.secret.length < 32) {
    throw new DefinitionError([{ path: '--coupon-secret', message: 'must be at least 32 characters (or omit it to let the server generate and keep one)' }]);
  }
  const definitions = options.campaignsFile ? readDefinitions(options.campaignsFile) : {};
  const store = await openPromotionStore(storage);
  for (const [site, d] of Object.entries(definitions)) {
    await store.putCampaigns(site, d.campaigns);
    await store.putFlashSales(site, d.flashSales);
  }
  return { store, storage, secret: options.secret ?? (await store.storedSecret()), now: options.now ?? Date.now };
}

function readDefinitions(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DefinitionError([{ path: file, message: `cannot read the campaigns file: ${(error as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DefinitionError([{ path: file, message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parseDefinitions(json);
}

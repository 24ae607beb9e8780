import { readFile } from 'node:fs/promises';
import type { Storage } from '../storage/storage';
import { catalogFormat, parseCatalog } from './catalog-import';
import type { RejectedProduct } from './catalog.schema';

/**
 * Import a JSON or CSV catalog file into a site (the `--catalog` flag). Throws when the file
 * cannot be read or parsed at all; invalid rows are returned, not thrown.
 *
 * @example
 * const { imported, rejected } = await importCatalogFile(storage, 'demo', './catalog.csv');
 */
export async function importCatalogFile(storage: Storage, site: string, file: string): Promise<{ imported: number; rejected: RejectedProduct[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`--catalog: cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = parseCatalog(text, catalogFormat(file));
  const imported = await storage.upsertProducts(site, parsed.products);
  return { imported, rejected: parsed.rejected };
}

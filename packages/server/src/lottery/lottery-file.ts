import { readFileSync } from 'node:fs';
import { DefinitionError, type DefinitionIssue } from '../campaigns/campaign.schema';
import type { Promotions } from '../promotions/promotions';
import { openLotteryStore } from './open-lottery-store';
import { parseLottery, type LotteryDefinition } from './lottery.schema';

/**
 * Validate the `lotteries` sections of a parsed campaigns file (`{ "<site>": { "lotteries": [...] } }`)
 * against the campaigns each coupon prize names. Every problem is listed with its path.
 *
 * @example
 * parseLotterySections({ demo: { lotteries: [wheel] } }, (site, id) => id === 'five-off'); // { demo: [wheel] }
 */
export function parseLotterySections(input: unknown, campaignExists: (site: string, id: string) => boolean): Record<string, LotteryDefinition[]> {
  const out: Record<string, LotteryDefinition[]> = {};
  const issues: DefinitionIssue[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  for (const [site, section] of Object.entries(input as Record<string, { lotteries?: unknown }>)) {
    const list = section?.lotteries;
    if (list === undefined) continue;
    const at = `${site}.lotteries`;
    if (!Array.isArray(list)) {
      issues.push({ path: at, message: 'expected an array of lotteries' });
      continue;
    }
    const seen = new Set<string>();
    out[site] = [];
    list.forEach((item, i) => {
      const r = parseLottery(item, `${at}[${i}]`);
      if (!r.ok) return void issues.push(...r.issues);
      if (seen.has(r.value.id)) issues.push({ path: `${at}[${i}].id`, message: `duplicate lottery id "${r.value.id}"` });
      seen.add(r.value.id);
      r.value.prizes.forEach((p, j) => {
        if (p.kind === 'coupon' && !campaignExists(site, p.campaign!)) {
          issues.push({ path: `${at}[${i}].prizes[${j}].campaign`, message: `no campaign "${p.campaign}" on site "${site}" (define it in "campaigns")` });
        }
      });
      out[site]!.push(r.value);
    });
  }
  if (issues.length) throw new DefinitionError(issues);
  return out;
}

/**
 * Load the lotteries of a campaigns file (after `setupPromotions` loaded its campaigns): all
 * valid or nothing stored, a {@link DefinitionError} naming every wrong field otherwise.
 * Re-loading moves each prize's stock by the change of its total, as the admin endpoint does.
 *
 * @example
 * const promotions = await setupPromotions(storage, { campaignsFile: 'campaigns.json' });
 * await loadLotteriesFile('campaigns.json', promotions); // 1 (lotteries loaded)
 */
export async function loadLotteriesFile(file: string, promotions: Promotions): Promise<number> {
  // setupPromotions already read and checked the file (JSON, campaigns); read it again for our section.
  const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const campaigns = new Map<string, Set<string>>();
  for (const site of Object.keys((json ?? {}) as object)) campaigns.set(site, new Set((await promotions.store.listCampaigns(site)).map((c) => c.id)));
  const sections = parseLotterySections(json, (site, id) => campaigns.get(site)?.has(id) ?? false);
  const entries = Object.entries(sections).filter(([, l]) => l.length);
  if (!entries.length) return 0;
  const store = await openLotteryStore(promotions.storage);
  for (const [site, lotteries] of entries) await store.putLotteries(site, lotteries);
  return entries.reduce((n, [, l]) => n + l.length, 0);
}

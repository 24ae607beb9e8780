import { readFileSync } from 'node:fs';
import { DefinitionError, type DefinitionIssue } from '../campaigns/campaign.schema';
import { checkGroupOffers } from '../group-offers/group-offers.handlers';
import type { GroupOfferDefinition } from '../group-offers/group-offer.schema';
import type { Promotions } from '../promotions/promotions';
import { openReferralStore } from './open-referral-store';
import { checkPrograms } from './referrals.handlers';
import type { ReferralProgram } from './referral.schema';

/** The `referrals` and `groupOffers` of each site in a parsed campaigns file. */
export type SocialSections = Record<string, { referrals: ReferralProgram[]; groupOffers: GroupOfferDefinition[] }>;

/**
 * Validate the `referrals` and `groupOffers` sections of a parsed campaigns file against the
 * campaigns they name; every problem is listed with its path in a {@link DefinitionError}.
 *
 * @example
 * parseSocialSections({ demo: { referrals: [friends] } }, () => true).demo.referrals.length; // 1
 */
export function parseSocialSections(input: unknown, campaignExists: (site: string, id: string) => boolean): SocialSections {
  const out: SocialSections = {};
  const issues: DefinitionIssue[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  for (const [site, section] of Object.entries(input as Record<string, { referrals?: unknown; groupOffers?: unknown }>)) {
    const list = (key: 'referrals' | 'groupOffers'): unknown[] => {
      const x = section?.[key];
      if (x === undefined) return [];
      if (Array.isArray(x)) return x;
      issues.push({ path: `${site}.${key}`, message: 'expected an array' });
      return [];
    };
    const programs = checkPrograms(list('referrals'), `${site}.referrals`, (id) => campaignExists(site, id), site);
    const offers = checkGroupOffers(list('groupOffers'), `${site}.groupOffers`, (id) => campaignExists(site, id), site);
    issues.push(...programs.issues, ...offers.issues);
    out[site] = { referrals: programs.programs, groupOffers: offers.offers };
  }
  if (issues.length) throw new DefinitionError(issues);
  return out;
}

/**
 * Load the referral programs and group offers of a campaigns file (after `setupPromotions` loaded
 * its campaigns): all valid or nothing stored.
 *
 * @example
 * await loadReferralsFile('campaigns.json', promotions); // 2 (definitions loaded)
 */
export async function loadReferralsFile(file: string, promotions: Promotions): Promise<number> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const campaigns = new Map<string, Set<string>>();
  for (const site of Object.keys((json ?? {}) as object)) campaigns.set(site, new Set((await promotions.store.listCampaigns(site)).map((c) => c.id)));
  const sections = Object.entries(parseSocialSections(json, (site, id) => campaigns.get(site)?.has(id) ?? false)).filter(([, s]) => s.referrals.length || s.groupOffers.length);
  if (!sections.length) return 0;
  const store = await openReferralStore(promotions.storage);
  let n = 0;
  for (const [site, s] of sections) {
    await store.putPrograms(site, s.referrals);
    await store.putGroupOffers(site, s.groupOffers);
    n += s.referrals.length + s.groupOffers.length;
  }
  return n;
}

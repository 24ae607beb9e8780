import { DAY_MS, type LifecycleThresholds } from './options';
import type { LifecycleStage, Profile } from './types';

/**
 * Where the shopper is in their life with the store. Inactivity wins (dormant, churned), then a
 * comeback after a dormant-length gap (returning), then purchases, then browsing depth.
 *
 * @example
 * lifecycleOf(profile, Date.now(), { dormantDays: 30, churnedDays: 90, engagedItems: 5 }); // 'repeat_customer'
 */
export function lifecycleOf(p: Profile, now: number, t: LifecycleThresholds): LifecycleStage {
  if (p.activity.sessions === 0) return 'new_visitor';
  const idleDays = (now - p.activity.last) / DAY_MS;
  if (idleDays >= t.churnedDays) return 'churned';
  if (idleDays >= t.dormantDays) return 'dormant';
  if (p.activity.gapDays >= t.dormantDays) return 'returning';
  if (p.orders.count >= 2) return 'repeat_customer';
  if (p.orders.count === 1) return 'first_time_buyer';
  const c = p.counts;
  if (p.activity.sessions >= 2 || c.views + c.selects + c.carts + c.wishlists >= t.engagedItems) return 'engaged_browser';
  return 'new_visitor';
}

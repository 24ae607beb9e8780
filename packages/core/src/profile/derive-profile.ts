import { intentOf } from './intent';
import { lifecycleOf } from './lifecycle';
import type { ResolvedProfileOptions } from './options';
import { rfmOf } from './rfm';
import { tagsOf } from './tags';
import type { Profile } from './types';

/**
 * Recompute the time-dependent fields (tags, RFM, lifecycle, intent) at `now`, in place.
 * Cost is bounded by the profile's key caps, not by history length.
 *
 * @example
 * deriveProfile(profile, Date.now(), resolveProfileOptions());
 */
export function deriveProfile(p: Profile, now: number, o: ResolvedProfileOptions): Profile {
  p.derivedAt = now;
  p.tags = tagsOf(p, now);
  p.rfm = rfmOf(p, now, o.rfm);
  p.lifecycle = lifecycleOf(p, now, o.lifecycle);
  p.intent = intentOf(p, now);
  return p;
}

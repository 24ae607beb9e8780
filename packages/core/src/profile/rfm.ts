import { DAY_MS, type RfmThresholds } from './options';
import type { Profile, Rfm, RfmSegment } from './types';

/**
 * RFM scores 1–5 from the shopper's orders (all 0 and segment `none` before a first order).
 *
 * @example
 * rfmOf(profile, Date.now(), resolveProfileOptions().rfm); // { recency: 5, frequency: 3, monetary: 4, segment: 'loyal' }
 */
export function rfmOf(p: Profile, now: number, t: RfmThresholds): Rfm {
  const o = p.orders;
  if (o.count === 0) return { recency: 0, frequency: 0, monetary: 0, segment: 'none' };
  const days = Math.max(0, (now - o.last) / DAY_MS);
  let recency = 1;
  for (let i = 3; i >= 0; i--) if (days <= t.recencyDays[i]!) recency = 5 - i;
  const frequency = 1 + t.frequency.filter((x) => o.count >= x).length;
  const monetary = 1 + t.monetary.filter((x) => o.revenue >= x).length;
  return { recency, frequency, monetary, segment: rfmSegment(recency, frequency, monetary) };
}

/**
 * The usual named RFM segment for scores 1–5, on recency against the mean of frequency and
 * monetary; a single order is judged on recency alone.
 *
 * @example
 * rfmSegment(5, 5, 4); // 'champion'
 * rfmSegment(1, 5, 5); // 'cant_lose'
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  if (f <= 1) return r >= 5 ? 'new_customer' : r >= 3 ? 'promising' : r === 2 ? 'hibernating' : 'lost';
  const fm = Math.round((f + m) / 2);
  if (r >= 4 && fm >= 4) return 'champion';
  if (r >= 3 && fm >= 3) return 'loyal';
  if (r >= 4) return 'potential_loyalist';
  if (r === 3) return 'needs_attention';
  if (fm >= 5) return 'cant_lose';
  if (fm >= 3) return 'at_risk';
  return r === 2 ? 'hibernating' : 'lost';
}

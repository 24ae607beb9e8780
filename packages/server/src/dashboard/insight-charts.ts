import type { Scored } from '@affinity/core';
import type { SiteStats } from '../storage/storage';
import type { PromotionStats } from '../promotions/promotion-store';
import { compact, esc, r1, svgDocument } from './svg';

const W = 720;
const BLUE = '#3366cc';
const STEP_COLORS = ['#3366cc', '#4a7bd6', '#ff9900', '#109618', '#0b7a3b', '#990099'];

/** One horizontal bar per row, longest first as given; labels escaped, numbers compacted. */
function bars(title: string, rows: { label: string; value: number; note?: string; color?: string }[], empty: string): string {
  const rowH = 24;
  const h = 40 + Math.max(1, rows.length) * rowH;
  const m = { left: 200, right: 220 };
  let body = `<text class="title" x="8" y="18">${esc(title)}</text>`;
  if (!rows.length) return svgDocument(W, h + 20, title, body + `<text class="muted" x="${W / 2}" y="48" text-anchor="middle">${esc(empty)}</text>`);
  const max = Math.max(1e-9, ...rows.map((r) => r.value));
  const pw = W - m.left - m.right;
  rows.forEach((r, i) => {
    const y = 32 + i * rowH;
    const w = Math.max(1, (r.value / max) * pw);
    body +=
      `<text x="${m.left - 8}" y="${y + 15}" text-anchor="end">${esc(r.label.slice(0, 28))}</text>` +
      `<rect x="${m.left}" y="${y + 3}" width="${r1(w)}" height="${rowH - 8}" fill="${r.color ?? BLUE}"/>` +
      `<text x="${r1(m.left + w + 6)}" y="${y + 15}">${esc(r.note ?? compact(r.value))}</text>`;
  });
  return svgDocument(W, h, title, body);
}

/**
 * The model's trending items (recent rate against the long-run rate) as bars, strongest first.
 * @example trendingChart(model.trending, new Map([['sku-1', 'Trail shoe']]))
 */
export function trendingChart(trending: readonly Scored[], names: ReadonlyMap<string, string> = new Map(), limit = 10): string {
  const rows = trending.slice(0, limit).map(([id, score]) => ({ label: names.get(id) ?? id, value: score, note: `×${score.toFixed(2)} usual rate` }));
  return bars('Trending items (recent rate vs usual)', rows, 'Nothing is trending yet');
}

/** Display order of RFM segments: best customers first, `none` (never bought) last. */
const RFM_ORDER = ['champion', 'loyal', 'potential_loyalist', 'new_customer', 'promising', 'needs_attention', 'at_risk', 'cant_lose', 'hibernating', 'lost', 'other', 'none'];

/**
 * How synced profiles spread over RFM segments, one bar per segment with its share.
 * @example rfmChart({ champion: 3, none: 40 })
 */
export function rfmChart(segments: Readonly<Record<string, number>>): string {
  const total = Object.values(segments).reduce((s, n) => s + n, 0);
  const rank = (k: string) => (RFM_ORDER.includes(k) ? RFM_ORDER.indexOf(k) : RFM_ORDER.length);
  const rows = Object.entries(segments)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(([segment, n]) => ({
      label: segment === 'none' ? 'no purchase yet' : segment.replace(/_/g, ' '),
      value: n,
      note: `${compact(n)} · ${((n / total) * 100).toFixed(1)}%`,
      color: segment === 'none' ? '#999' : BLUE,
    }));
  return bars(`RFM segments of synced profiles (${compact(total)})`, rows, 'No synced profiles yet');
}

/**
 * The shop's funnel from browsing to loyalty: distinct visitors who browsed, carted, claimed a
 * coupon, bought, and the coupons redeemed and customers credited points, each with its share
 * of the step before; points awarded in total as a note.
 * @example commerceFunnel(stats.funnel, promotionStats)
 */
export function commerceFunnel(funnel: SiteStats['funnel'], promotions: PromotionStats | null): string {
  const steps: [string, number, string?][] = [
    ['Browsed items', funnel.viewers],
    ['Added to cart', funnel.carters],
  ];
  if (promotions) steps.push(['Claimed a coupon', promotions.couponHolders, `${compact(promotions.couponsClaimed)} codes`]);
  steps.push(['Purchased', funnel.buyers]);
  if (promotions) {
    steps.push(['Redeemed a coupon', promotions.couponsRedeemed, 'codes']);
    steps.push(['Earned points', promotions.pointsCustomers, `${compact(promotions.pointsAwarded)} points awarded`]);
  }
  const rowH = 38;
  const h = 44 + steps.length * rowH;
  const m = { left: 140, right: 250 };
  const pw = W - m.left - m.right;
  const max = Math.max(1, ...steps.map(([, n]) => n));
  const title = promotions ? 'Funnel: browse → cart → coupon → purchase → redemption → points' : 'Funnel: browse → cart → purchase';
  let body = `<text class="title" x="8" y="18">${esc(title)}</text>`;
  steps.forEach(([label, n, note], i) => {
    const y = 32 + i * rowH;
    const w = Math.max(1, (n / max) * pw);
    const before = i > 0 ? steps[i - 1]![1] : 0;
    const rate = i > 0 ? (before > 0 ? ` · ${((n / before) * 100).toFixed(1)}% of previous` : '') : '';
    body +=
      `<text x="${m.left - 8}" y="${y + 19}" text-anchor="end">${esc(label)}</text>` +
      `<rect x="${r1(m.left + (pw - w) / 2)}" y="${y}" width="${r1(w)}" height="28" fill="${STEP_COLORS[i % STEP_COLORS.length]}"/>` +
      `<text x="${m.left + pw + 8}" y="${y + 13}">${compact(n)}${esc(rate)}</text>` +
      (note ? `<text class="muted" x="${m.left + pw + 8}" y="${y + 27}">${esc(note)}</text>` : '');
  });
  return svgDocument(W, h, title, body);
}

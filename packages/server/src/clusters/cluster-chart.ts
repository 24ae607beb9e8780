import { compact, esc, r1, svgDocument } from '../dashboard/svg';
import type { ClusterBuild } from './build-clusters';

const W = 720;
const ROW = 44;
const BAR = '#3366cc';

/**
 * The admin dashboard's cluster chart: one row per cluster, largest first — its description in
 * words, then a bar of its share of shoppers with the count. Every label goes through `esc`
 * (labels contain merchant category names). `reason` draws the "no clusters yet" state instead.
 *
 * @example clustersChart(build) // '<svg …>…high spend, Home…</svg>'
 */
export function clustersChart(build: Pick<ClusterBuild, 'model' | 'sizes' | 'k' | 'chosenBy' | 'silhouette' | 'profiles'> | undefined, reason = 'No clusters yet'): string {
  if (!build) {
    const title = 'Shopper clusters';
    return svgDocument(W, 80, title, `<text class="title" x="8" y="18">${title}</text><text class="muted" x="${W / 2}" y="52" text-anchor="middle">${esc(reason)}</text>`);
  }
  const how = build.chosenBy === 'merchant' ? 'k set by the merchant' : `k chosen by silhouette`;
  const title = `Shopper clusters: ${build.k} groups of ${compact(build.profiles)} synced shoppers (${how}, silhouette ${build.silhouette.toFixed(2)})`;
  const h = 36 + build.model.clusters.length * ROW;
  const left = 8;
  const pw = W - left - 200;
  let body = `<text class="title" x="8" y="18">${esc(title)}</text>`;
  build.model.clusters.forEach((c, i) => {
    const y = 30 + i * ROW;
    const size = build.sizes[i] ?? 0;
    const share = build.profiles ? size / build.profiles : 0;
    const w = Math.max(1, share * pw);
    body +=
      `<text x="${left}" y="${y + 13}">${esc(`${c.id}. ${c.label}`)}</text>` +
      `<rect x="${left}" y="${y + 19}" width="${r1(w)}" height="14" fill="${BAR}"/>` +
      `<text class="muted" x="${r1(left + w + 6)}" y="${y + 31}">${compact(size)} shoppers · ${Math.round(share * 100)}%</text>`;
  });
  return svgDocument(W, h, title, body);
}

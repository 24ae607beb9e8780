import type { ExperimentReport } from '../experiments/metrics';
import type { SiteOverview } from '../experiments/experiment-store';
import type { Interval } from '../experiments/stats/intervals';
import { compact, esc, niceTicks, r1, svgDocument } from './svg';

const PALETTE = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6'];
const W = 720;

/**
 * Events per day as one line per event type (the five most frequent), with a y grid and a legend.
 * @example eventsOverTime(overview) // '<svg …><path d="M…"/>…</svg>'
 */
export function eventsOverTime(overview: SiteOverview): string {
  const h = 260;
  const m = { left: 48, right: 200, top: 28, bottom: 28 };
  const totals = new Map<string, number>();
  for (const d of overview.days) for (const [type, n] of Object.entries(d.counts)) totals.set(type, (totals.get(type) ?? 0) + n);
  const types = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t]) => t);
  const title = 'Events per day';
  if (!overview.days.length) return svgDocument(W, h, title, `<text class="title" x="8" y="18">${title}</text><text class="muted" x="${W / 2}" y="${h / 2}" text-anchor="middle">No events in this period</text>`);
  const max = Math.max(1, ...overview.days.flatMap((d) => types.map((t) => d.counts[t] ?? 0)));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const pw = W - m.left - m.right;
  const ph = h - m.top - m.bottom;
  const n = overview.days.length;
  const x = (i: number) => m.left + (n === 1 ? pw / 2 : (i / (n - 1)) * pw);
  const y = (v: number) => m.top + ph - (v / top) * ph;
  let body = `<text class="title" x="8" y="18">${title}</text>`;
  for (const t of ticks) body += `<line class="grid" x1="${m.left}" x2="${m.left + pw}" y1="${r1(y(t))}" y2="${r1(y(t))}"/><text class="muted" x="${m.left - 6}" y="${r1(y(t) + 4)}" text-anchor="end">${compact(t)}</text>`;
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  overview.days.forEach((d, i) => {
    if (i % labelEvery === 0) body += `<text class="muted" x="${r1(x(i))}" y="${h - 8}" text-anchor="middle">${esc(d.day.slice(5))}</text>`;
  });
  types.forEach((type, k) => {
    const color = PALETTE[k % PALETTE.length];
    const points = overview.days.map((d, i) => `${r1(x(i))},${r1(y(d.counts[type] ?? 0))}`);
    body += n === 1 ? `<circle cx="${points[0]!.split(',')[0]}" cy="${points[0]!.split(',')[1]}" r="3" fill="${color}"/>` : `<path d="M${points.join('L')}" fill="none" stroke="${color}" stroke-width="2"/>`;
    body += `<rect x="${W - m.right + 14}" y="${m.top + k * 20}" width="10" height="10" fill="${color}"/><text x="${W - m.right + 30}" y="${m.top + k * 20 + 9}">${esc(type)} (${compact(totals.get(type)!)})</text>`;
  });
  return svgDocument(W, h, title, body);
}

/**
 * The most viewed items as horizontal bars (views), with carts and purchases as labels.
 * @example topItems(overview)
 */
export function topItems(overview: SiteOverview): string {
  const rows = overview.topItems;
  const rowH = 24;
  const h = 40 + Math.max(1, rows.length) * rowH;
  const m = { left: 200, right: 240 };
  const title = 'Top items by views';
  let body = `<text class="title" x="8" y="18">${title}</text>`;
  if (!rows.length) return svgDocument(W, h + 20, title, body + `<text class="muted" x="${W / 2}" y="48" text-anchor="middle">No item views in this period</text>`);
  const max = Math.max(1, ...rows.map((r) => r.views));
  const pw = W - m.left - m.right;
  rows.forEach((r, i) => {
    const y = 32 + i * rowH;
    const label = (r.name ?? r.id).slice(0, 28);
    const w = Math.max(1, (r.views / max) * pw);
    body +=
      `<text x="${m.left - 8}" y="${y + 15}" text-anchor="end">${esc(label)}</text>` +
      `<rect x="${m.left}" y="${y + 3}" width="${r1(w)}" height="${rowH - 8}" fill="${PALETTE[0]}"/>` +
      `<text x="${r1(m.left + w + 6)}" y="${y + 15}">${compact(r.views)} views</text>` +
      `<text class="muted" x="${W - 8}" y="${y + 15}" text-anchor="end">${compact(r.carts)} carts · ${compact(r.purchases)} bought</text>`;
  });
  return svgDocument(W, h, title, body);
}

/**
 * View → cart → purchase funnel: one bar per step, visitors and conversion from the step before.
 * @example funnel(overview)
 */
export function funnel(overview: SiteOverview): string {
  const steps: [string, number][] = [
    ['Viewed an item', overview.funnel.viewers],
    ['Added to cart', overview.funnel.carters],
    ['Purchased', overview.funnel.buyers],
  ];
  const h = 150;
  const m = { left: 130, right: 200 };
  const pw = W - m.left - m.right;
  const max = Math.max(1, steps[0]![1]);
  const title = 'Funnel (distinct visitors)';
  let body = `<text class="title" x="8" y="18">${title}</text>`;
  steps.forEach(([label, n], i) => {
    const y = 32 + i * 38;
    const w = Math.max(1, (n / max) * pw);
    const before = i > 0 ? steps[i - 1]![1] : 0;
    const rate = i > 0 ? (before > 0 ? ` · ${((n / before) * 100).toFixed(1)}% of previous step` : ' · n/a') : '';
    body +=
      `<text x="${m.left - 8}" y="${y + 19}" text-anchor="end">${label}</text>` +
      `<rect x="${r1(m.left + (pw - w) / 2)}" y="${y}" width="${r1(w)}" height="28" fill="${PALETTE[i]}"/>` +
      `<text x="${m.left + pw + 8}" y="${y + 19}">${compact(n)}${rate}</text>`;
  });
  return svgDocument(W, h, title, body);
}

const METRICS: ['ctr' | 'addToCartRate' | 'conversionRate' | 'repeatPurchaseRate' | 'rpv', string][] = [
  ['ctr', 'CTR'],
  ['addToCartRate', 'Add-to-cart rate'],
  ['conversionRate', 'Conversion rate'],
  ['rpv', 'Revenue / visitor'],
  ['repeatPurchaseRate', 'Repeat purchase rate'],
];

/**
 * Uplift of each treatment arm over control, relative to control's value, with its 95% interval
 * drawn as a whisker around the point and a zero line: an interval clear of zero is a real
 * effect (green when positive, red when negative, grey when it crosses zero).
 * @example upliftChart(report)
 */
export function upliftChart(report: ExperimentReport): string {
  const rows: { label: string; interval: Interval | null; base: number | null }[] = [];
  const control = report.variants.find((v) => v.control);
  for (const u of report.uplift) {
    const arm = report.variants.find((v) => v.variant === u.variant)!;
    for (const [key, label] of METRICS) {
      const interval = key === 'rpv' ? u.revenuePerVisitor.welch : u[key];
      const base = key === 'rpv' ? (control?.revenuePerVisitor ?? null) : (control?.[key] ?? null);
      rows.push({ label: report.uplift.length > 1 ? `${label} · ${arm.variant}` : label, interval, base });
    }
  }
  const rowH = 28;
  const h = 70 + Math.max(1, rows.length) * rowH;
  const m = { left: 220, right: 200 };
  const pw = W - m.left - m.right;
  const arms = report.uplift.length === 1 ? `${report.uplift[0]!.variant} vs ${report.uplift[0]!.control}` : `uplift vs ${report.control ?? 'control'}`;
  const title = `Experiment "${report.experiment}": ${arms}, relative uplift (${Math.round(report.level * 100)}% interval)`;
  let body = `<text class="title" x="8" y="18">${esc(title)}</text>`;
  const rel = rows.map((r) => (r.interval && r.base ? { d: r.interval.diff / r.base, lo: r.interval.low / r.base, hi: r.interval.high / r.base } : null));
  // The axis spans zero and every interval (padded), so nothing is clipped and zero is always visible.
  const bounds = rel.flatMap((v) => (v ? [v.lo, v.hi] : [])).filter(Number.isFinite);
  const lo = Math.min(-0.05, ...bounds);
  const hi = Math.max(0.05, ...bounds);
  const pad = (hi - lo) * 0.08;
  const [from, to] = [lo - pad, hi + pad];
  const x = (v: number) => m.left + ((Math.max(from, Math.min(to, v)) - from) / (to - from)) * pw;
  const axisY = 40 + rows.length * rowH;
  body += `<line class="axis" x1="${r1(x(0))}" x2="${r1(x(0))}" y1="32" y2="${axisY}" stroke-dasharray="4 3"/>`;
  const step = niceTicks(to - from, 5)[1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  for (const t of ticks) body += `<text class="muted" x="${r1(x(t))}" y="${axisY + 16}" text-anchor="middle">${t > 0 ? '+' : ''}${(t * 100).toFixed(0)}%</text>`;
  if (!rows.length) body += `<text class="muted" x="${W / 2}" y="56" text-anchor="middle">No uplift yet: the experiment needs exposures in a control and a treatment arm</text>`;
  rows.forEach((row, i) => {
    const y = 40 + i * rowH + rowH / 2;
    const v = rel[i];
    body += `<text x="${m.left - 8}" y="${y + 4}" text-anchor="end">${esc(row.label)}</text>`;
    if (!v) {
      body += `<text class="muted" x="${m.left + pw + 8}" y="${y + 4}">not enough data</text>`;
      return;
    }
    const color = v.lo > 0 ? '#109618' : v.hi < 0 ? '#dc3912' : '#888';
    body +=
      `<line x1="${r1(x(v.lo))}" x2="${r1(x(v.hi))}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"/>` +
      `<line x1="${r1(x(v.lo))}" x2="${r1(x(v.lo))}" y1="${y - 6}" y2="${y + 6}" stroke="${color}" stroke-width="2"/>` +
      `<line x1="${r1(x(v.hi))}" x2="${r1(x(v.hi))}" y1="${y - 6}" y2="${y + 6}" stroke="${color}" stroke-width="2"/>` +
      `<circle cx="${r1(x(v.d))}" cy="${y}" r="4.5" fill="${color}"/>` +
      `<text x="${m.left + pw + 8}" y="${y + 4}">${pct(v.d)} [${pct(v.lo)}, ${pct(v.hi)}]</text>`;
  });
  return svgDocument(W, h + 10, title, body);
}

const pct = (v: number) => `${v > 0 ? '+' : ''}${(v * 100).toFixed(Math.abs(v) < 1 ? 1 : 0)}%`;

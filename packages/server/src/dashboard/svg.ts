/** Escape text for SVG/XML content and attribute values (the only way data enters a chart). */
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number rounded for SVG coordinates (keeps the markup short and diff-stable). */
export const r1 = (x: number): string => String(Math.round(x * 10) / 10);

/** A complete SVG document with the dashboard's shared styles. */
export function svgDocument(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">` +
    `<style>text{font:12px system-ui,sans-serif;fill:#333}.muted{fill:#777}.title{font-weight:600;font-size:13px}.axis{stroke:#bbb}.grid{stroke:#eee}</style>` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}

/** "Nice" axis ticks from 0 to at least `max` (1, 2 or 5 times a power of ten). @example niceTicks(87) // [0, 20, 40, 60, 80, 100] */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/** Compact number for labels: 1234 → "1.2k". */
export function compact(n: number): string {
  if (Math.abs(n) >= 1e6) return `${r1(n / 1e6)}M`;
  if (Math.abs(n) >= 1e3) return `${r1(n / 1e3)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

import type { DemoProduct } from './aggregate';
import { hash53 } from './hash';

/**
 * Product pictures drawn as SVG from the product's data alone (no network, no fonts to fetch):
 * the category picks the object, the collection the pattern behind it, the colour tags the
 * palette, and the id's hash the small variations, so every product gets a stable, distinct image.
 */

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const COLOURS: Record<string, string> = {
  red: '#d64545',
  pink: '#e07aa5',
  white: '#d9cfc1',
  blue: '#4a7fc1',
  green: '#5a9e6f',
  black: '#3b3b45',
  metallic: '#b3a26b',
  purple: '#8a6bb8',
  yellow: '#e0a73a',
};
const FALLBACK = ['#c7684a', '#4d8f8b', '#7a6fb0', '#c49a3a', '#5f8fc7', '#b25f7f'];

/** One simple object per top-level category, drawn in a 200×200 box centred at (100, 100). */
const OBJECTS: Record<string, (c: string, a: string) => string> = {
  'Home & Living': (c, a) => `<rect x="70" y="70" width="60" height="90" rx="8" fill="${c}"/><path d="M100 38c12 14 12 26 0 30c-12-4-12-16 0-30z" fill="${a}"/><rect x="97" y="62" width="6" height="10" fill="#333"/>`,
  Kitchen: (c, a) => `<rect x="55" y="65" width="80" height="95" rx="10" fill="${c}"/><path d="M135 85h12a18 18 0 0 1 0 36h-12" fill="none" stroke="${c}" stroke-width="10"/><rect x="55" y="80" width="80" height="10" fill="${a}"/>`,
  Bags: (c, a) => `<path d="M50 80h100l-10 85H60z" fill="${c}"/><path d="M75 80v-15a25 25 0 0 1 50 0v15" fill="none" stroke="${a}" stroke-width="8"/>`,
  Christmas: (c, a) => `<path d="M100 30l45 70h-20l30 50H45l30-50H55z" fill="${c}"/><rect x="90" y="150" width="20" height="20" fill="#6b4a2f"/><circle cx="100" cy="30" r="8" fill="${a}"/>`,
  Seasonal: (c, a) => `<ellipse cx="100" cy="105" rx="48" ry="62" fill="${c}"/><path d="M55 100q15-12 30 0t30 0t30 0" fill="none" stroke="${a}" stroke-width="7"/>`,
  Party: (c, a) => `<ellipse cx="100" cy="80" rx="42" ry="50" fill="${c}"/><path d="M100 130l-6 8h12z" fill="${c}"/><path d="M100 138q-12 20 4 40" fill="none" stroke="${a}" stroke-width="3"/>`,
  Stationery: (c, a) => `<rect x="60" y="45" width="80" height="110" rx="6" fill="${c}"/><rect x="60" y="45" width="14" height="110" fill="${a}"/><rect x="85" y="70" width="40" height="8" rx="4" fill="#fff" opacity=".7"/>`,
  'Toys & Games': (c, a) => `<rect x="50" y="100" width="50" height="50" rx="6" fill="${c}"/><rect x="100" y="100" width="50" height="50" rx="6" fill="${a}"/><rect x="75" y="50" width="50" height="50" rx="6" fill="${c}" opacity=".8"/>`,
  'Craft & Sewing': (c, a) => `<rect x="70" y="50" width="60" height="12" rx="4" fill="#8a6a4a"/><rect x="70" y="138" width="60" height="12" rx="4" fill="#8a6a4a"/><rect x="78" y="62" width="44" height="76" fill="${c}"/><path d="M78 80h44M78 100h44M78 120h44" stroke="${a}" stroke-width="4"/>`,
  Kids: (c, a) => `<path d="M100 40l16 34 37 5-27 26 7 37-33-18-33 18 7-37-27-26 37-5z" fill="${c}"/><circle cx="100" cy="98" r="12" fill="${a}"/>`,
  Garden: (c, a) => `<path d="M70 120h60l-8 45H78z" fill="${c}"/><path d="M100 120V75" stroke="#4f7d3a" stroke-width="6"/><circle cx="100" cy="65" r="18" fill="${a}"/><ellipse cx="82" cy="95" rx="14" ry="7" fill="#4f7d3a"/>`,
  'Bath & Beauty': (c, a) => `<rect x="72" y="70" width="56" height="95" rx="14" fill="${c}"/><rect x="88" y="45" width="24" height="28" rx="4" fill="${a}"/>`,
  Accessories: (c, a) => `<circle cx="100" cy="110" r="42" fill="none" stroke="${c}" stroke-width="14"/><path d="M85 55l15-18 15 18-15 16z" fill="${a}"/>`,
  Gifts: (c, a) => `<rect x="55" y="85" width="90" height="75" rx="6" fill="${c}"/><rect x="50" y="70" width="100" height="20" rx="4" fill="${c}"/><rect x="93" y="70" width="14" height="90" fill="${a}"/><path d="M100 70c-20-25-40-5-20 0M100 70c20-25 40-5 20 0" fill="none" stroke="${a}" stroke-width="6"/>`,
};

/** Sub-categories with an object of their own (the others use their top-level category's). */
const SUB_OBJECTS: Record<string, (c: string, a: string) => string> = {
  Tableware: (c, a) => `<ellipse cx="100" cy="140" rx="70" ry="14" fill="${c}"/><rect x="96" y="70" width="8" height="70" fill="#8a7d6b"/><ellipse cx="100" cy="100" rx="50" ry="10" fill="${c}"/><ellipse cx="100" cy="66" rx="32" ry="8" fill="${a}"/>`,
  Baking: (c, a) => `<path d="M62 110h76l-10 52H72z" fill="${c}"/><path d="M70 112v48M85 112v50M100 112v50M115 112v50M130 112v48" stroke="#fff" stroke-width="3" opacity=".5"/><path d="M58 112c0-30 20-48 42-48s42 18 42 48z" fill="${a}"/><circle cx="100" cy="58" r="8" fill="#d64545"/>`,
  'Storage & Tins': (c, a) => `<rect x="60" y="60" width="80" height="100" rx="6" fill="${c}"/><rect x="56" y="52" width="88" height="16" rx="4" fill="${a}"/><rect x="72" y="92" width="56" height="34" rx="4" fill="#fff" opacity=".75"/>`,
  'Tea Towels & Aprons': (c, a) => `<rect x="62" y="44" width="76" height="120" rx="4" fill="${c}"/><path d="M62 66h76M62 142h76" stroke="${a}" stroke-width="8"/><rect x="92" y="36" width="16" height="12" rx="3" fill="${a}"/>`,
  Clocks: (c, a) => `<circle cx="100" cy="100" r="58" fill="${c}"/><circle cx="100" cy="100" r="46" fill="#fff"/><path d="M100 100V68M100 100l22 12" stroke="${a}" stroke-width="6" stroke-linecap="round"/>`,
  'Signs & Wall Art': (c, a) => `<rect x="40" y="66" width="120" height="72" rx="6" fill="${c}"/><rect x="52" y="78" width="96" height="48" rx="3" fill="none" stroke="#fff" stroke-width="3"/><path d="M100 66l-18-22M100 66l18-22" stroke="${a}" stroke-width="3"/>`,
  'Frames & Mirrors': (c, a) => `<rect x="52" y="44" width="96" height="116" rx="4" fill="${c}"/><rect x="66" y="58" width="68" height="88" fill="#fff"/><path d="M66 146l22-30 16 18 12-12 18 24z" fill="${a}"/>`,
  'Cushions & Textiles': (c, a) => `<path d="M46 58q54-14 108 0q-10 42 0 84q-54 14-108 0q10-42 0-84z" fill="${c}"/><circle cx="100" cy="100" r="16" fill="${a}"/>`,
  Decorations: (c, a) => `<path d="M100 160c-50-34-62-64-50-86 12-20 38-18 50 2 12-20 38-22 50-2 12 22 0 52-50 86z" fill="${c}"/><path d="M100 30v44" stroke="${a}" stroke-width="3"/>`,
  'Furniture & Storage': (c, a) => `<rect x="56" y="50" width="88" height="110" rx="4" fill="${c}"/><path d="M56 86h88M56 122h88" stroke="#fff" stroke-width="4"/><circle cx="100" cy="68" r="5" fill="${a}"/><circle cx="100" cy="104" r="5" fill="${a}"/><circle cx="100" cy="140" r="5" fill="${a}"/>`,
  Doormats: (c, a) => `<rect x="34" y="70" width="132" height="70" rx="8" fill="${c}"/><rect x="46" y="82" width="108" height="46" rx="4" fill="none" stroke="${a}" stroke-width="4"/>`,
  'Lunch Bags & Boxes': (c, a) => `<rect x="48" y="74" width="104" height="80" rx="12" fill="${c}"/><rect x="48" y="74" width="104" height="22" rx="10" fill="${a}"/><path d="M82 74v-16h36v16" fill="none" stroke="${a}" stroke-width="6"/>`,
  'Wrap & Cards': (c, a) => `<rect x="46" y="62" width="108" height="78" rx="4" fill="${c}"/><path d="M46 64l54 40 54-40" fill="none" stroke="#fff" stroke-width="4"/><circle cx="138" cy="124" r="10" fill="${a}"/>`,
};

/**
 * The drawing for a category path: the sub-category's own object, else the top-level category's,
 * else `undefined` (a new category in the rule table needs an object here).
 */
export function objectFor(category: readonly string[]): ((colour: string, accent: string) => string) | undefined {
  return SUB_OBJECTS[category[1] ?? ''] ?? OBJECTS[category[0] ?? ''];
}

/** Background patterns for the design ranges that have an obvious one. */
function pattern(brand: string, tint: string): string {
  const p = (body: string) => `<defs><pattern id="p" width="24" height="24" patternUnits="userSpaceOnUse">${body}</pattern></defs><rect width="200" height="200" fill="url(#p)"/>`;
  switch (brand) {
    case 'Retrospot':
    case 'Polkadot':
      return p(`<circle cx="6" cy="6" r="3.5" fill="${tint}"/><circle cx="18" cy="18" r="3.5" fill="${tint}"/>`);
    case 'Gingham':
      return p(`<rect width="12" height="24" fill="${tint}" opacity=".5"/><rect width="24" height="12" fill="${tint}" opacity=".5"/>`);
    case 'Union Jack':
    case 'I Love London':
      return p(`<path d="M0 12h24M12 0v24" stroke="${tint}" stroke-width="3"/>`);
    case 'Paisley':
    case 'Paisley Park':
    case 'Vintage Doily':
      return p(`<circle cx="12" cy="12" r="8" fill="none" stroke="${tint}" stroke-width="2"/>`);
    case 'Essentials':
      return '';
    default:
      return p(`<path d="M0 24L24 0" stroke="${tint}" stroke-width="2"/>`);
  }
}

/**
 * The SVG picture of a product (a complete document, safe to serve as `image/svg+xml`).
 * Only the collection name is written as text, XML-escaped, in the generic `sans-serif` font.
 *
 * @example writeFileSync(`public/img/${p.id}.svg`, productSvg(p))
 */
export function productSvg(p: DemoProduct): string {
  const draw = objectFor(p.category) ?? OBJECTS.Gifts!;
  const h = hash53(p.id);
  const colourTag = p.tags?.find((t) => COLOURS[t]);
  const main = colourTag ? COLOURS[colourTag]! : FALLBACK[h % FALLBACK.length]!;
  const accent = FALLBACK[(h >>> 3) % FALLBACK.length] === main ? '#f2c14e' : FALLBACK[(h >>> 3) % FALLBACK.length]!;
  const hue = (h >>> 7) % 360;
  const bg = `hsl(${hue} 45% 94%)`;
  const tint = `hsl(${hue} 40% 86%)`;
  const tilt = ((h >>> 11) % 13) - 6;
  const label = escapeXml((p.brand ?? '').toUpperCase());
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="400" height="400" role="img">` +
    `<rect width="200" height="200" fill="${bg}"/>${pattern(p.brand ?? '', tint)}` +
    `<g transform="rotate(${tilt} 100 100)">${draw(main, accent)}</g>` +
    (label && p.brand !== 'Essentials' ? `<text x="100" y="190" text-anchor="middle" font-family="sans-serif" font-size="10" letter-spacing="2" fill="#555">${label}</text>` : '') +
    `</svg>`
  );
}

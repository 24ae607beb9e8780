import { validateSegments, type SegmentDefinitions } from '@affinity/core';

/** The element a script-tag store declares its merchant segments in. */
export const SEGMENTS_ELEMENT_ID = 'affinity-segments';

/**
 * The merchant segments a script-tag store declares in its pages, for targeting coupons and
 * offers without writing code. JSON in a script element is data the browser never runs, so this
 * works under a strict Content-Security-Policy. A segment whose rule is invalid is left out with
 * a console warning naming the field at fault; the others still apply, and a page whose JSON does
 * not parse gets no merchant segments (widgets and capture work on).
 *
 * @example
 * // <script type="application/json" id="affinity-segments">
 * //   { "vip": { "field": "rfm.segment", "op": "in", "value": ["champion", "loyal"] } }
 * // </script>
 * pageSegments(document); // { vip: { field: 'rfm.segment', … } }
 */
export function pageSegments(doc: Document): SegmentDefinitions | undefined {
  const el = doc.getElementById(SEGMENTS_ELEMENT_ID);
  if (!el) return undefined;
  let defs: unknown;
  try {
    defs = JSON.parse(el.textContent ?? '');
  } catch (err) {
    return warn(`#${SEGMENTS_ELEMENT_ID} is not valid JSON (${(err as Error).message}): no merchant segments on this page`);
  }
  if (typeof defs !== 'object' || defs === null || Array.isArray(defs)) {
    return warn(`#${SEGMENTS_ELEMENT_ID} must hold a JSON object of { "segment name": rule }: no merchant segments on this page`);
  }
  const usable: SegmentDefinitions = {};
  for (const [name, rule] of Object.entries(defs)) {
    // One at a time, so a typo in one segment does not switch off the others.
    const issues = validateSegments({ [name]: rule });
    if (issues.length) warn(`segment ${JSON.stringify(name)} left out: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    else usable[name] = rule as SegmentDefinitions[string];
  }
  return usable;
}

const warn = (message: string): undefined => void console.warn(`[affinity] ${message}`);

import type { BrowserContext } from 'playwright-core';

/** One `requestAnimationFrame` sample: what the listing would paint in that frame. */
export interface FrameSample {
  t: number;
  /** The first cards of the first `<af-ranked-list>` (null while there is none or it is empty). */
  ids: string[] | null;
  /** The list is held (`af-hold`: hidden by the store's CSS). */
  held: boolean;
}

/** What the probe records in a page (read with {@link readProbe}). */
export interface ProbeRecord {
  frames: FrameSample[];
  /** Holds of the list: start and end (`performance.now()`), and how it ended (`af-early`). */
  holds: Array<{ on: number; off?: number; how?: string | null }>;
  /** The stored snapshot as the page started (before any page script). */
  snapshot: string | null;
}

/** Cards compared per frame: what is above the fold on a phone and a laptop. */
export const SAMPLED_CARDS = 12;

/**
 * Installs, before any page script, a probe that samples the listing's order in every animation
 * frame (rAF callbacks run right before the browser paints, so each sample is what that frame
 * shows) and times every hold of the list.
 */
export async function installFirstPaintProbe(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx (the bench runner) wraps named functions in a helper that
  // does not exist in the page.
  await context.addInitScript(`(() => {
    const rec = { frames: [], holds: [], snapshot: localStorage.getItem('af:demo:snapshot') };
    window.__afProbe = rec;
    const started = performance.now();
    function sample() {
      const list = document.querySelector('af-ranked-list');
      const ids = [];
      if (list) for (let c = list.firstElementChild; c && ids.length < ${SAMPLED_CARDS}; c = c.nextElementSibling) ids.push(c.dataset.productId || '');
      rec.frames.push({ t: performance.now(), ids: ids.length ? ids : null, held: !!list && list.hasAttribute('af-hold') });
      if (performance.now() - started < 8000) requestAnimationFrame(sample);
    }
    requestAnimationFrame(sample);
    // From the records themselves (not the element's state when the callback runs): a hold and
    // its release can fall in one batch.
    new MutationObserver((records) => {
      for (const r of records) {
        const now = performance.now();
        const open = rec.holds.find((h) => h.off === undefined);
        if (r.attributeName === 'af-hold' && r.oldValue === null && !open) rec.holds.push({ on: now });
        else if (r.attributeName === 'af-hold' && r.oldValue !== null && open) open.off = now;
        else if (r.attributeName === 'af-early') {
          const last = rec.holds[rec.holds.length - 1];
          if (last && !last.how) last.how = r.target.getAttribute('af-early');
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['af-hold', 'af-early'] });
  })();`);
}

/** The probe's record so far. */
export function readProbe(page: { evaluate<T>(fn: () => T): Promise<T> }): Promise<ProbeRecord> {
  return page.evaluate(() => (window as any).__afProbe as ProbeRecord);
}

/** Frames that showed the list (present, with cards, not held). */
export const shownFrames = (r: ProbeRecord): string[][] => r.frames.filter((f) => f.ids && !f.held).map((f) => f.ids!);

/** The order the snapshot held for `listId` when the page started (`undefined`: none). */
export function startOrder(r: ProbeRecord, listId: string): string[] | undefined {
  try {
    const e = (JSON.parse(r.snapshot ?? 'null') as { l: Array<{ k: string; b: string[]; o: number[] }> } | null)?.l.find((x) => x.k === listId);
    return e?.o.map((i) => e.b[i]!);
  } catch {
    return undefined;
  }
}

/** Whether any shown frame differs from the order the list ended in (a visible jump). */
export function flickered(r: ProbeRecord, final: readonly string[]): boolean {
  const want = final.slice(0, SAMPLED_CARDS).join();
  return shownFrames(r).some((ids) => ids.join() !== want);
}

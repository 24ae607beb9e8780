import { describe, expect, it } from 'vitest';
import { slugify } from '../app/slug';
import { parseRoute } from '../app/router';
import { CATEGORY_RULES } from '../catalog/categories';
import { PERSONAS } from './personas';

// Category URLs the catalog rules can produce: a persona must never browse a page that cannot exist.
const categoryUrls = new Set(
  CATEGORY_RULES.flatMap(({ path: [top, sub] }) => [`/c/${slugify(top)}`, `/c/${slugify(top)}/${slugify(sub)}`]),
);

describe('PERSONAS', () => {
  it.each(PERSONAS.map((p) => [p.name, p] as const))('%s only visits store pages that exist', (_, persona) => {
    for (const step of persona.steps) {
      if (!('go' in step)) continue;
      const route = parseRoute(step.go);
      expect(route.name, step.go).not.toBe('not-found');
      if (route.name === 'category') expect(categoryUrls.has(step.go), step.go).toBe(true);
    }
  });

  it('start each run on a page of their own and have unique ids', () => {
    expect(new Set(PERSONAS.map((p) => p.id)).size).toBe(PERSONAS.length);
    // A fresh start in simulated time (a reload into the home page) counts as a page of its own.
    for (const p of PERSONAS) expect(p.steps.find((s) => !('travel' in s && s.fresh))).toHaveProperty('go');
  });

  it('sort only with orders the listing offers', () => {
    const sorts = PERSONAS.flatMap((p) => p.steps.flatMap((s) => ('sort' in s ? [s.sort] : [])));
    for (const s of sorts) expect(['featured', 'price-asc', 'price-desc', 'rating', 'name']).toContain(s);
  });

  it('leave the simulated clock at real time when they finish', () => {
    for (const p of PERSONAS) {
      const travels = p.steps.filter((s) => 'travel' in s);
      if (travels.length) expect(travels.at(-1)).toEqual({ travel: 0 });
    }
  });
});

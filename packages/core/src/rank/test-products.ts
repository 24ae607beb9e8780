// Test-only fixtures (not exported from the package): a mixed "Shoes" category page.
import type { ModelPayload, Product } from '../types';

export const RUN = ['Shoes', 'Running'];
export const CASUAL = ['Shoes', 'Casual'];

const P = (id: string, title: string, category: string[], price: number, brand: string, extra: Partial<Product> = {}): Product => ({
  id,
  title,
  category,
  price,
  brand,
  ...extra,
});

/** Twelve shoes in the merchant's order; running shoes sit at positions 4, 7, 9 and 11. */
export const shoesPage: Product[] = [
  P('c1', 'Loafer', CASUAL, 80, 'Clarks'),
  P('h1', 'Trail boot', ['Shoes', 'Hiking'], 150, 'Merrell'),
  P('c2', 'Sneaker', CASUAL, 60, 'Vans'),
  P('r1', 'Pegasus 40', RUN, 120, 'Nike'),
  P('h2', 'Hiking boot', ['Shoes', 'Hiking'], 170, 'Salomon'),
  P('c3', 'Slip-on', CASUAL, 45, 'Vans'),
  P('r2', 'Ghost 15', RUN, 140, 'Brooks'),
  P('f1', 'Sandal', ['Shoes', 'Sandals'], 35, 'Teva'),
  P('r3', 'Clifton 9', RUN, 145, 'Hoka'),
  P('f2', 'Flip-flop', ['Shoes', 'Sandals'], 20, 'Havaianas'),
  P('r4', 'Kayano 30', RUN, 160, 'Asics'),
  P('c4', 'Boat shoe', CASUAL, 90, 'Sperry'),
];

export const ids = (list: ReadonlyArray<{ id: string }>) => list.map((p) => p.id);

/** A server model with nothing learned but `popular` (built at `generatedAt`). */
export function testModel(popular: Array<[string, number]> = [], generatedAt = 0): ModelPayload {
  return {
    version: 'test',
    generatedAt,
    halfLifeDays: 7,
    totals: { sessions: 0, carts: 0, orders: 0 },
    alsoViewed: {},
    boughtTogether: {},
    cartedTogether: {},
    next: {},
    popular,
    trending: [],
    popularByCategory: {},
  };
}

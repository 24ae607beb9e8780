// Shared by this folder's tests only (not exported from the package).
import type { ModelPayload, Product } from '../types';
import type { CatalogView } from './types';

export const PRODUCTS: Product[] = [
  { id: 'tent', title: 'Trail tent', category: ['Outdoor', 'Camping', 'Tents'], brand: 'Peak', price: 200 },
  { id: 'tent2', title: 'Storm tent', category: ['Outdoor', 'Camping', 'Tents'], brand: 'Peak', price: 220 },
  { id: 'tent3', title: 'Dome tent', category: ['Outdoor', 'Camping', 'Tents'], brand: 'Other', price: 90 },
  { id: 'stove', title: 'Camp stove', category: ['Outdoor', 'Camping', 'Cooking'], brand: 'Peak', price: 60 },
  { id: 'pegs', title: 'Tent pegs', category: ['Outdoor', 'Camping', 'Accessories'], brand: 'Peak', price: 8 },
  { id: 'gas', title: 'Gas canister', category: ['Outdoor', 'Camping', 'Cooking'], brand: 'Fuel', price: 6, repeatable: true },
  { id: 'mat', title: 'Sleeping mat', category: ['Outdoor', 'Camping', 'Sleeping'], brand: 'Rest', price: 40, stock: 0 },
  { id: 'shoe', title: 'Running shoe', category: ['Apparel', 'Shoes', 'Running'], brand: 'Fast', price: 120 },
  { id: 'sock', title: 'Running socks', category: ['Apparel', 'Socks'], brand: 'Fast', price: 12 },
  { id: 'cap', title: 'Running cap', category: ['Apparel', 'Hats'], brand: 'Fast', price: 20, listPrice: 30 },
];

export function catalogOf(products: Product[] = PRODUCTS): CatalogView {
  const map = new Map(products.map((p) => [p.id, p]));
  return { get: (id) => map.get(id), all: () => [...map.values()] };
}

export function model(): ModelPayload {
  return {
    version: 'v1',
    generatedAt: 0,
    halfLifeDays: 14,
    totals: { sessions: 1000, carts: 300, orders: 100 },
    alsoViewed: {
      tent: [['tent2', 40, 0.4, 3], ['tent3', 30, 0.3, 2], ['stove', 10, 0.1, 1.2]],
      shoe: [['sock', 50, 0.5, 4], ['cap', 20, 0.2, 2]],
      stove: [['gas', 20, 0.4, 5]],
    },
    boughtTogether: {
      tent: [['pegs', 31, 0.31, 6], ['mat', 20, 0.2, 4]],
      stove: [['gas', 45, 0.45, 9], ['pegs', 5, 0.05, 1]],
      shoe: [['sock', 25, 0.25, 5]],
    },
    cartedTogether: { tent: [['stove', 10, 0.1, 2]] },
    next: { tent: [['tent2', 9], ['stove', 3]], shoe: [['sock', 5]] },
    popular: [['shoe', 90], ['tent', 80], ['sock', 70], ['stove', 50], ['cap', 40], ['mat', 30], ['pegs', 20], ['gas', 10]],
    trending: [['cap', 3], ['gas', 2]],
    popularByCategory: { Apparel: [['sock', 70], ['shoe', 60]], Outdoor: [['tent', 80], ['stove', 50]] },
  };
}

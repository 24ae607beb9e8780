import * as v from 'valibot';
import type { Product } from '@affinity/core';
import { describeIssue } from '../events/events.schema';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const url = v.pipe(v.string(), v.maxLength(2000), v.regex(/^(https?:\/\/|\/)/, 'expected an http(s) URL or a path starting with /'));
const amount = v.pipe(v.number(), v.finite(), v.minValue(0));

/** A catalog product as accepted by imports; mirrors `Product` in core. */
export const ProductSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  title: v.optional(text(500)),
  url: v.optional(url),
  image: v.optional(url),
  price: v.optional(amount),
  listPrice: v.optional(amount),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR'))),
  category: v.optional(v.pipe(v.array(text(200)), v.maxLength(5))),
  brand: v.optional(text(200)),
  tags: v.optional(v.pipe(v.array(text(100)), v.maxLength(50))),
  rating: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(5))),
  ratingCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  stock: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  regions: v.optional(v.array(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'expected ISO country codes such as DE')))),
  repeatable: v.optional(v.boolean()),
});

/** A product the import refused, by its position (0-based, data rows only for CSV). */
export interface RejectedProduct {
  index: number;
  field: string;
  error: string;
}

/**
 * Validate products one by one; empty values (`''`, `[]`) are dropped so a partial update never
 * blanks a stored field.
 *
 * @example
 * checkProducts([{ id: 'a', price: -1 }]); // { products: [], rejected: [{ index: 0, field: 'price', … }] }
 */
export function checkProducts(input: readonly unknown[]): { products: Product[]; rejected: RejectedProduct[] } {
  const products: Product[] = [];
  const rejected: RejectedProduct[] = [];
  input.forEach((raw, index) => {
    const result = v.safeParse(ProductSchema, raw, { abortEarly: true });
    if (result.success) products.push(withoutEmpty(result.output));
    else rejected.push({ index, ...describeIssue(result.issues[0]) });
  });
  return { products, rejected };
}

function withoutEmpty(p: Product): Product {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(p)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[k] = value;
  }
  return out as unknown as Product;
}

/**
 * URL slug of a category or collection name: lower case, `&` spelled out, other punctuation
 * turned into single dashes.
 *
 * @example slugify('Candles & Lights') // 'candles-and-lights'
 */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

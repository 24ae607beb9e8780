/**
 * A 53-bit string hash (cyrb53). Everything "random" in the demo catalog (ratings, stock, image
 * colours, seed event ids) derives from it, so every build gives byte-identical output.
 *
 * @example hash53('85123A') === hash53('85123A') // always
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A deterministic number in [0, 1) for a key and a purpose ("rating", "stock"…).
 *
 * @example unit('85123A', 'rating') // e.g. 0.7312…, the same on every run
 */
export function unit(key: string, purpose: string): number {
  return hash53(`${purpose}:${key}`) / 2 ** 53;
}

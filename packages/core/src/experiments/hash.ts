/**
 * A 32-bit hash of a string: FNV-1a over UTF-16 code units, then the MurmurHash3 finalizer so
 * that ids differing only in their last characters still land far apart (plain FNV-1a leaves
 * the high bits, which pick the bucket, poorly mixed for short keys).
 *
 * @example hash32('exp-1:visitor-01J…') // 2941093513
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A string's hash as a uniform number in [0, 1). @example unitInterval('a') // 0.53… */
export function unitInterval(text: string): number {
  return hash32(text) / 4294967296;
}

/**
 * Event ids in the ULID layout: 10 Crockford base32 chars of millisecond time, then 16 of
 * randomness. Sorting ids as strings sorts them by time, which is what IndexedDB key order,
 * the outbox and the server's de-duplication rely on.
 *
 * Speed matters (one id per `track()`), so:
 * - randomness comes from a pooled buffer (one `crypto.getRandomValues` call per 512 draws);
 * - ids minted in the same millisecond reuse the prefix and increment the last 20 bits, which
 *   keeps them strictly increasing (the ULID monotonic rule);
 * - a new millisecond draws a new random 19-bit counter start, while the other 60 random bits
 *   and the top 8 time chars are redrawn once per 1024 ms window. Uniqueness across pages
 *   rests on those 60 + 19 random bits; order within a page on the time and the counter.
 */

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const POOL_SIZE = 512;
const COUNTER_MAX = 0xfffff;

/** All 1024 two-char strings: one lookup encodes 10 bits. */
const PAIRS: string[] = [];
for (let i = 0; i < 1024; i++) PAIRS.push(B32[i >> 5]! + B32[i & 31]!);

let pool = new Uint16Array(0);
let poolAt = 0;
let lastTs = -1;
/** `ts` / 1024 of the current window, its 8 leading time chars and its 12 random chars. */
let span = -1;
let head = '';
let random = '';
/** Time chars + the first 12 random chars: fixed within one millisecond. */
let prefix = '';
/** The last 20 random bits (4 chars), incremented per id within one millisecond. */
let counter = 0;

/** 10 random bits from the pool (one `crypto.getRandomValues` call per 512 draws). */
function rand10(): number {
  if (poolAt >= pool.length) {
    pool = crypto.getRandomValues(new Uint16Array(POOL_SIZE));
    poolAt = 0;
  }
  return pool[poolAt++]! & 1023;
}

/**
 * The 10-char time part of an id minted at `ts` (epoch ms). Also a lower bound for every id
 * minted at or after `ts`, which lets stores drop old records with one key range.
 * @example encodeTime(0) // '0000000000'
 */
export function encodeTime(ts: number): string {
  // 48 bits: the top 20 as a float division, the low 30 with integer bit operations.
  const hi = Math.floor(ts / 0x40000000);
  const lo = ts % 0x40000000;
  return PAIRS[(hi >> 10) & 1023]! + PAIRS[hi & 1023]! + PAIRS[lo >> 20]! + PAIRS[(lo >> 10) & 1023]! + PAIRS[lo & 1023]!;
}

/**
 * The capture time (epoch ms) encoded in an id.
 * @example decodeTime(ulid(1700000000000)) // 1700000000000
 */
export function decodeTime(id: string): number {
  let ts = 0;
  for (let i = 0; i < 10; i++) ts = ts * 32 + B32.indexOf(id[i]!);
  return ts;
}

/** Adds one to a base32 string (carry to the left) — only needed after 2^20 ids in one ms. */
function increment(s: string): string {
  let i = s.length - 1;
  while (i >= 10 && s[i] === 'Z') i--;
  if (i < 10) throw new Error('ulid: random part exhausted within one millisecond');
  return s.slice(0, i) + B32[B32.indexOf(s[i]!) + 1] + '0'.repeat(s.length - 1 - i);
}

/**
 * A new unique, time-ordered 26-char id for time `ts` (default `Date.now()`). Ids minted in
 * one page are strictly increasing, even within one millisecond or if the clock steps back.
 * @example
 * const a = ulid(), b = ulid();
 * a < b; // true
 */
export function ulid(ts: number = Date.now()): string {
  if (ts > lastTs) {
    lastTs = ts;
    const w = Math.floor(ts / 1024);
    if (w !== span) {
      span = w;
      head = encodeTime(ts).slice(0, 8);
      random = PAIRS[rand10()]! + PAIRS[rand10()] + PAIRS[rand10()] + PAIRS[rand10()] + PAIRS[rand10()] + PAIRS[rand10()];
    }
    // `ts & 1023` is exact past 2^32: ToInt32 keeps the low bits.
    prefix = head + PAIRS[ts & 1023] + random;
    // Start the counter in the lower half so a millisecond has ≥ 2^19 ids of headroom.
    counter = ((rand10() << 10) | rand10()) & 0x7ffff;
  } else if (++counter > COUNTER_MAX) {
    prefix = increment(prefix);
    counter = 0;
  }
  return prefix + PAIRS[counter >> 10] + PAIRS[counter & 1023];
}

const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Whether `value` looks like an id made by {@link ulid} (used to skip corrupt records).
 * @example isUlid('01HZX3Q4M5N6P7R8S9T0V1W2X3') // true
 */
export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ULID_RE.test(value);
}

/**
 * Event ids in the ULID layout: 10 Crockford base32 chars of millisecond time, then 16 of
 * randomness. Sorting ids as strings sorts them by time, which is what IndexedDB key order,
 * the outbox and the server's de-duplication rely on.
 *
 * Speed matters (one id per `track()`, usually the first call of a task, when nothing is in
 * the CPU's caches), so no id draws randomness, and an id in the same millisecond as the last
 * is one string concatenation (four in a new one):
 * - randomness is drawn once per 1024 ms window (one `crypto.getRandomValues` call): 60 bits
 *   for the first 12 random chars, and a 19-bit start for the 20-bit counter in the last 4;
 * - the counter runs on through the window, so ids are strictly increasing within a
 *   millisecond and across them (the ULID monotonic rule); the top 8 time chars are redrawn
 *   with the window. Uniqueness across pages rests on those 60 + 19 random bits; order within
 *   a page on the time and the counter.
 */

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const COUNTER_MAX = 0xfffff;

/** All 1024 two-char strings: one lookup encodes 10 bits. */
const PAIRS: string[] = [];
for (let i = 0; i < 1024; i++) PAIRS.push(B32[i >> 5]! + B32[i & 31]!);

let lastTs = -1;
/** `ts` / 1024 of the current window, its 8 leading time chars and its 12 random chars. */
let span = -1;
let head = '';
let random = '';
/** Time chars + the 12 random chars: fixed within one millisecond. */
let prefix = '';
/** The last 20 random bits (4 chars), incremented per id. */
let counter = 0;
/** `prefix` and the counter's top 10 bits: an id in the same millisecond is one concatenation. */
let stem = '';

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
      const r = crypto.getRandomValues(new Uint32Array(7));
      random = '';
      for (let i = 0; i < 6; i++) random += PAIRS[r[i]! & 1023];
      // In the lower half, so a window has at least 2^19 ids before the random part moves on.
      counter = r[6]! & 0x7ffff;
    }
    // `ts & 1023` is exact past 2^32: ToInt32 keeps the low bits.
    prefix = head + PAIRS[ts & 1023] + random;
  } else if (++counter & 1023) {
    // The same millisecond (or the clock stepped back), the counter's top 10 bits unchanged.
    return stem + PAIRS[counter & 1023];
  } else if (counter > COUNTER_MAX) {
    prefix = increment(prefix);
    counter = 0;
  }
  stem = prefix + PAIRS[counter >> 10];
  return stem + PAIRS[counter & 1023];
}

const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Whether `value` looks like an id made by {@link ulid} (used to skip corrupt records).
 * @example isUlid('01HZX3Q4M5N6P7R8S9T0V1W2X3') // true
 */
export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ULID_RE.test(value);
}

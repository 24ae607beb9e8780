/**
 * base64 ⇄ bytes with the platform's `atob` / `btoa` (browsers, Node ≥ 16): the payload's binary
 * parts travel inside JSON.
 *
 * @example bytesToBase64(new Uint8Array([1, 2])) // 'AQI='
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  // Chunks keep `String.fromCharCode` within argument-count limits for large tables.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The bytes of a base64 string; throws a `TypeError` naming the problem for malformed input.
 *
 * @example base64ToBytes('AQI=') // Uint8Array [1, 2]
 */
export function base64ToBytes(text: string): Uint8Array {
  let s: string;
  try {
    s = atob(text);
  } catch {
    throw new TypeError('not valid base64');
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

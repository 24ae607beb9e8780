import { hash53 } from '../catalog/hash';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id (10 time characters + 16 "random" ones) whose random part is a hash of `key`,
 * so re-seeding produces the same ids and the server's de-duplication by id makes it idempotent.
 *
 * @example deterministicUlid(Date.UTC(2011, 0, 4), 'order:539993:purchase') // '00…' 26 chars, same every run
 */
export function deterministicUlid(ts: number, key: string): string {
  let out = '';
  let t = Math.max(0, Math.floor(ts));
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  // 80 random bits = 16 characters; two independent 53-bit hashes give 106 bits to draw from.
  let a = hash53(key, 1);
  let b = hash53(key, 2);
  for (let i = 0; i < 8; i++) {
    out += CROCKFORD[a % 32];
    a = Math.floor(a / 32);
  }
  for (let i = 0; i < 8; i++) {
    out += CROCKFORD[b % 32];
    b = Math.floor(b / 32);
  }
  return out;
}

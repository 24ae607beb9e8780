import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** A content coding the server answers with. */
export type Coding = 'br' | 'gzip';

/** Smaller bodies go as they are: the headers and the codec's frame would eat the gain. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * The coding to answer with for an `Accept-Encoding` header: brotli when the client takes it,
 * else gzip, else none. `q=0` refuses a coding, `*` stands for any not named.
 *
 * @example
 * negotiate('gzip, deflate, br') // 'br'
 * negotiate('br;q=0, gzip') // 'gzip'
 */
export function negotiate(acceptEncoding: string | string[] | undefined): Coding | undefined {
  const q: Record<string, number> = {};
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const weight = params.find((p) => p.startsWith('q='));
    q[name] = weight ? Number(weight.slice(2)) || 0 : 1;
  }
  const takes = (c: Coding) => (q[c] ?? q['*'] ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : undefined;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

// Brotli quality 4 compresses a 1.25 MB model to about the size gzip -6 gives (410 vs 417 KB) in
// two thirds of the time; higher qualities cost seconds for a few percent.
/** `body` compressed with `coding`, on libuv's thread pool. */
export const compress = (coding: Coding, body: string | Buffer): Promise<Buffer> =>
  coding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) } })
    : gzipAsync(body);

/** Keeps the compressed copies of recent bodies, so a model is compressed once per version. */
export interface CompressionCache {
  /**
   * The body named `key` (an ETag, say: equal keys are taken to be equal bodies) compressed with
   * `coding`; `load` gives the body when it is not cached. Compression runs on libuv's thread
   * pool, never on the event loop, and concurrent requests for one body share one compression.
   */
  get(key: string, coding: Coding, load: () => string | Buffer | Promise<string | Buffer>): Promise<Buffer>;
}

/**
 * A bounded cache of compressed bodies (least recently used out first, at most `maxBytes` of
 * compressed data).
 *
 * @example
 * const cache = createCompressionCache();
 * const br = await cache.get(model.etag, 'br', () => model.json);
 */
export function createCompressionCache(maxBytes = 32 * 1024 * 1024): CompressionCache {
  const entries = new Map<string, { done: Promise<Buffer>; bytes: number }>();
  let total = 0;
  return {
    get(name, coding, load) {
      const key = `${coding} ${name}`;
      const hit = entries.get(key);
      if (hit) {
        // Re-inserted: a Map iterates in insertion order, so the first key is the least recent.
        entries.delete(key);
        entries.set(key, hit);
        return hit.done;
      }
      const entry = { done: Promise.resolve().then(load).then((body) => compress(coding, body)), bytes: 0 };
      entries.set(key, entry);
      entry.done.then(
        (out) => {
          if (entries.get(key) !== entry) return;
          entry.bytes = out.length;
          total += out.length;
          for (const [k, e] of entries) {
            if (total <= maxBytes || k === key) break;
            entries.delete(k);
            total -= e.bytes;
          }
        },
        () => entries.get(key) === entry && entries.delete(key),
      );
      return entry.done;
    },
  };
}

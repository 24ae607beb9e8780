import { base64ToBytes, bytesToBase64 } from './base64';
import type { EmbeddingPayload, EmbeddingTable, ShopperPrototypes } from './types';

/**
 * Quantises float vectors (row-major, `dim` per item) to the published form: each row is scaled
 * so its largest magnitude maps to ±127 (per-item scale = max|v| / 127), keeping the direction of
 * every vector to within 1/254 of its largest component.
 *
 * @example encodeEmbeddings(['a'], new Float32Array([0.5, -1]), 2).vectors // base64 of [64, -127]
 */
export function encodeEmbeddings(ids: readonly string[], rows: Float32Array, dim: number): EmbeddingPayload {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`embeddings: dim must be a positive integer, got ${dim}`);
  if (rows.length !== ids.length * dim) throw new RangeError(`embeddings: expected ${ids.length * dim} values for ${ids.length} items × ${dim}, got ${rows.length}`);
  const q = new Int8Array(rows.length);
  const scales = new Float32Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(rows[r * dim + j]!));
    const scale = max > 0 && Number.isFinite(max) ? max / 127 : 0;
    scales[r] = scale;
    for (let j = 0; j < dim; j++) q[r * dim + j] = scale ? Math.round(rows[r * dim + j]! / scale) : 0;
  }
  return {
    v: 1,
    dim,
    ids: ids.slice(),
    scales: bytesToBase64(littleEndian(new Uint8Array(scales.buffer))),
    vectors: bytesToBase64(new Uint8Array(q.buffer)),
  };
}

/**
 * Decodes and validates a published embedding table; `undefined` (never an exception) when it is
 * missing or malformed — wrong lengths, bad base64, non-finite scales — so a bad payload only
 * turns the `embedding` strategy off.
 *
 * @example decodeEmbeddings(model.embeddings)?.index.get('sku-1') // 0
 */
export function decodeEmbeddings(raw: unknown): EmbeddingTable | undefined {
  if (!isEmbeddingPayload(raw)) return undefined;
  try {
    const vectors = new Int8Array(base64ToBytes(raw.vectors).buffer);
    const scaleBytes = littleEndian(base64ToBytes(raw.scales));
    if (vectors.length !== raw.ids.length * raw.dim || scaleBytes.length !== raw.ids.length * 4) return undefined;
    const scales = new Float32Array(scaleBytes.buffer, scaleBytes.byteOffset, raw.ids.length);
    if (!scales.every((s) => Number.isFinite(s) && s >= 0)) return undefined;
    const index = new Map<string, number>();
    raw.ids.forEach((id, i) => index.set(id, i));
    return { dim: raw.dim, ids: raw.ids, index, scales, vectors };
  } catch {
    return undefined;
  }
}

/**
 * Whether a value has the shape of an {@link EmbeddingPayload} (the base64 parts are checked by
 * {@link decodeEmbeddings}).
 *
 * @example isEmbeddingPayload(JSON.parse(text).embeddings) // true
 */
export function isEmbeddingPayload(raw: unknown): raw is EmbeddingPayload {
  if (!raw || typeof raw !== 'object') return false;
  const e = raw as Partial<EmbeddingPayload>;
  return (
    e.v === 1 &&
    typeof e.dim === 'number' &&
    Number.isInteger(e.dim) &&
    e.dim > 0 &&
    e.dim <= 1024 &&
    Array.isArray(e.ids) &&
    e.ids.every((id) => typeof id === 'string') &&
    typeof e.scales === 'string' &&
    typeof e.vectors === 'string'
  );
}

/**
 * Whether a value is a usable {@link ShopperPrototypes} (every centroid `dim` long and finite,
 * items `[string, number]`).
 *
 * @example isShopperPrototypes(model.shoppers) // true
 */
export function isShopperPrototypes(raw: unknown): raw is ShopperPrototypes {
  if (!raw || typeof raw !== 'object') return false;
  const s = raw as Partial<ShopperPrototypes>;
  const dim = s.dim;
  return (
    s.v === 1 &&
    typeof dim === 'number' &&
    Number.isInteger(dim) &&
    dim > 0 &&
    Array.isArray(s.prototypes) &&
    s.prototypes.every(
      (p) =>
        p &&
        typeof p.size === 'number' &&
        Array.isArray(p.centroid) &&
        p.centroid.length === dim &&
        p.centroid.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
        Array.isArray(p.items) &&
        p.items.every((it) => Array.isArray(it) && typeof it[0] === 'string' && typeof it[1] === 'number' && Number.isFinite(it[1])),
    )
  );
}

// Typed arrays use the platform's byte order; the wire format is little-endian (every browser
// and Node platform in practice). On a big-endian host, swap each 4-byte group.
const BIG_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 0;
function littleEndian(bytes: Uint8Array): Uint8Array {
  if (!BIG_ENDIAN) return bytes;
  const out = bytes.slice();
  for (let i = 0; i + 3 < out.length; i += 4) out.set([out[i + 3]!, out[i + 2]!, out[i + 1]!, out[i]!], i);
  return out;
}

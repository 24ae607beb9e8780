/** Where a chunk of the drop-in lives and how to fetch it (see `widgetsSource`). */
export interface ChunkSource {
  src: string;
  /** `sha384-…`, applied only when `sri` is true. */
  integrity?: string;
  /** Whether SRI can apply: the response must be same-origin or CORS-enabled. */
  sri?: boolean;
  /** The CORS mode of the `affinity.js` tag, so every chunk is fetched alike. */
  crossOrigin?: string | null;
}

/**
 * Appends an async `<script src>` for a chunk: no inline code and no eval, so a `script-src`
 * that allows `affinity.js` allows its chunks too.
 */
export function addScript(doc: Document, c: ChunkSource, onload: () => void, onerror: () => void): void {
  const s = doc.createElement('script');
  s.src = c.src;
  s.async = true;
  if (c.crossOrigin != null) s.crossOrigin = c.crossOrigin;
  if (c.sri && c.integrity) s.integrity = c.integrity;
  s.onload = onload;
  s.onerror = onerror;
  doc.head.append(s);
}

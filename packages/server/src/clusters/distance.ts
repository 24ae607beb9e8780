/**
 * Squared Euclidean distance (vectors of equal length).
 *
 * @example
 * squaredDistance([0, 0], [3, 4]); // 25
 */
export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! - b[i]!;
    d += x * x;
  }
  return d;
}

/** Throw a clear error unless `points` is a non-empty list of finite vectors of one length. */
export function checkPoints(points: readonly (readonly number[])[]): number {
  if (points.length === 0) throw new RangeError('clusters: no points to cluster.');
  const dims = points[0]!.length;
  points.forEach((p, i) => {
    if (p.length !== dims) throw new RangeError(`clusters: point ${i} has ${p.length} dimensions, expected ${dims}.`);
    if (!p.every(Number.isFinite)) throw new RangeError(`clusters: point ${i} has a value that is not a finite number.`);
  });
  return dims;
}

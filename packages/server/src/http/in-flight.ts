/**
 * At most `limit` calls of `fn` run at once in this process; the others wait their turn (FIFO).
 *
 * Why: draws, claims and redemptions queue on one database row each (a lottery, a sale's stock,
 * a coupon) anyway, so running hundreds of them at once buys no throughput; it only piles
 * queries onto the pool's connections. postgres.js 3.4.9
 * has a race where a `BEGIN` written as the 100th pipelined query of a connection is not
 * reserved for its transaction (porsager/postgres#823, #1189) and fails with UNSAFE_TRANSACTION;
 * keeping few requests in flight keeps pipelines far below that depth.
 *
 * @example
 * const draw = bounded(8, (ctx) => handleDraw(ctx));
 */
export function bounded<A extends unknown[], R>(limit: number, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (...args: A): Promise<R> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await fn(...args);
    } finally {
      // Hand the slot straight to the next caller, or free it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

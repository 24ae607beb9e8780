/**
 * Long computations are written as generators that `yield` at safe points (every few hundred
 * rows), so one implementation runs both to completion in a script ({@link runSync}) and inside
 * the server, handing the event loop back between slices ({@link runAsync}).
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * Runs steps to the end without pausing.
 *
 * @example runSync(trainSteps(sessions, options))
 */
export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs steps, awaiting `pause()` at every yield point (e.g. the model builder's `yieldEvery(10)`).
 *
 * @example await runAsync(trainSteps(sessions, options), yieldEvery(10))
 */
export async function runAsync<T>(steps: Steps<T>, pause: () => Promise<void> | void): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}

/** Rows between yields in row loops. */
export const SLICE = 256;

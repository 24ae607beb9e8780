/** Queues work for one shared commit at the end of the current event-loop turn. */
export interface GroupCommit<T, R> {
  /** Resolves with this item's result once the group it joined has committed. */
  submit(item: T): Promise<R>;
  /** Commit whatever is waiting now (before closing the database), even while held. */
  flush(): void;
  /**
   * Start no commit until {@link release} (or until `maxMs` have passed, in case the release
   * never comes): items keep queueing meanwhile and commit as one group afterwards. For another
   * connection that needs the writer briefly (a WAL checkpoint) without making this thread sleep
   * in SQLite's busy handler.
   */
  hold(maxMs: number): void;
  /** End a {@link hold} and commit what queued meanwhile. */
  release(): void;
}

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions<T> {
  /** Retry the items of a failed group alone only for errors caused by one item (a constraint, an unstorable value). */
  isItemError(error: unknown): boolean;
  /** Size of an item (events in a batch). Default 1. */
  sizeOf?(item: T): number;
  /** A group that reaches this size commits at once, so one transaction never holds the thread for long. Default Infinity. */
  maxSize?: number;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit for a synchronous database: items submitted during one event-loop turn (every
 * request whose body arrived in the same poll) are written by one `commitAll` call, meaning one
 * transaction, so a commit's fixed cost and the index pages every batch touches are paid once
 * per group instead of once per request. If the group fails because of an item (`isItemError`:
 * a constraint or a value the driver cannot store), each item is retried alone with `commitOne`,
 * so one bad item fails only its own caller; any other failure fails the whole group. While
 * held (`hold`), groups wait and grow; `release` commits them.
 *
 * @example
 * const inserts = createGroupCommit((batches) => db.transaction(() => batches.map(insert))(), (b) => db.transaction(insert)(b), { isItemError: isConstraintError });
 * const result = await inserts.submit(batch);
 */
export function createGroupCommit<T, R>(
  commitAll: (items: readonly T[]) => R[],
  commitOne: (item: T) => R,
  options: GroupCommitOptions<T>,
): GroupCommit<T, R> {
  const { isItemError, sizeOf = () => 1, maxSize = Infinity } = options;
  let waiting: Waiting<T, R>[] = [];
  let size = 0;
  let held: ReturnType<typeof setTimeout> | undefined;

  const release = (): void => {
    if (held === undefined) return;
    clearTimeout(held);
    held = undefined;
    commit();
  };

  const commit = (): void => {
    if (held !== undefined) return;
    const group = waiting;
    waiting = [];
    size = 0;
    if (group.length === 0) return;
    let results: R[];
    try {
      results = commitAll(group.map((w) => w.item));
    } catch (error) {
      // A busy or broken database would fail every retry too, each after its own wait.
      if (group.length === 1 || !isItemError(error)) for (const w of group) w.reject(error);
      else for (const w of group) settleAlone(w, commitOne);
      return;
    }
    group.forEach((w, i) => w.resolve(results[i]!));
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        if (waiting.push({ item, resolve, reject }) === 1) setImmediate(commit);
        size += sizeOf(item);
        if (size >= maxSize) commit();
      });
    },
    flush() {
      if (held !== undefined) release();
      else commit();
    },
    hold(maxMs) {
      if (held !== undefined) return;
      held = setTimeout(release, maxMs);
      held.unref();
    },
    release,
  };
}

function settleAlone<T, R>(w: Waiting<T, R>, commitOne: (item: T) => R): void {
  try {
    w.resolve(commitOne(w.item));
  } catch (error) {
    w.reject(error);
  }
}

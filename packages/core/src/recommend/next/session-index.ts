/** One past session for the `next` index: its items in order and when it ended (epoch ms). */
export interface IndexedSession {
  items: readonly string[];
  end: number;
}

/**
 * The compact index the `next` strategy searches, built once (server side, or in the browser
 * from a {@link SessionIndexPayload}). Items are small integers; sessions are slices of one flat
 * array, numbered in order of their last event so "more recent" is "larger number".
 */
export interface SessionIndex {
  /** Item ids by number. */
  items: string[];
  lookup: Map<string, number>;
  /** Session s holds `flat[offsets[s] .. offsets[s+1])`. */
  offsets: Int32Array;
  flat: Int32Array;
  /** Distinct items per session (the cosine denominator). */
  distinct: Int32Array;
  /** Last event of each session, epoch ms, ascending. */
  ends: Float64Array;
  /** Sessions containing each item, ascending (so the most recent are at the end). */
  postings: Int32Array[];
  /**
   * Sequential rules: for each item, the items that followed it, `[item, weight]` best first.
   * Built on first use (see {@link rulesOf}): loading an index in the page stays cheap.
   */
  rules?: [number, number][][];
  ruleWindow: number;
  rulesPerItem: number;
}

/**
 * A session index as JSON, ~5 bytes per event: what a server ships to browsers
 * (`sessions[i]` lists item numbers into `items`; `ends[i]` is epoch ms).
 */
export interface SessionIndexPayload {
  v: 1;
  items: string[];
  sessions: number[][];
  ends: number[];
}

/** Options of {@link buildSessionIndex}. */
export interface SessionIndexOptions {
  /** Keep only the most recent sessions (default 20,000: ~80k events, ~400 KB of JSON). */
  maxSessions?: number;
  /** Sequential rules look this many steps ahead, weighting a gap of g by 1/g (default 10). */
  ruleWindow?: number;
  /** Rules kept per item (default 30). */
  rulesPerItem?: number;
}

/**
 * Builds the `next` index from past sessions. Sessions with fewer than two events carry no
 * sequence and are dropped; so are sessions with a non-finite end.
 *
 * @example
 * const index = buildSessionIndex([{ items: ['a', 'b', 'c'], end: Date.now() }]);
 * predictNext(index, ['a']); // [['b', 1], ['c', …], …]
 */
export function buildSessionIndex(sessions: readonly IndexedSession[], options: SessionIndexOptions = {}): SessionIndex {
  const usable = sessions
    .filter((s) => s.items.length > 1 && Number.isFinite(s.end))
    .sort((a, b) => a.end - b.end)
    .slice(-Math.max(1, options.maxSessions ?? 20_000));
  const items: string[] = [];
  const lookup = new Map<string, number>();
  const numbered = usable.map((s) =>
    s.items.map((id) => {
      let n = lookup.get(id);
      if (n === undefined) {
        n = items.length;
        items.push(id);
        lookup.set(id, n);
      }
      return n;
    }),
  );
  return assemble(items, lookup, numbered, usable.map((s) => s.end), options);
}

/**
 * The JSON form of an index, for shipping to browsers. @example JSON.stringify(toSessionIndexPayload(index))
 */
export function toSessionIndexPayload(index: SessionIndex): SessionIndexPayload {
  const sessions: number[][] = [];
  for (let s = 0; s < index.ends.length; s++) sessions.push([...index.flat.subarray(index.offsets[s], index.offsets[s + 1])]);
  return { v: 1, items: index.items, sessions, ends: [...index.ends] };
}

/**
 * Validates a payload received from the server and builds the index. Throws a clear error on
 * anything malformed (callers in the page catch it and fall back to transition rules).
 *
 * @example const index = fromSessionIndexPayload(await (await fetch('/v1/sessions')).json());
 */
export function fromSessionIndexPayload(payload: unknown, options: Omit<SessionIndexOptions, 'maxSessions'> = {}): SessionIndex {
  const p = payload as Partial<SessionIndexPayload> | null;
  const fail = (what: string): never => {
    throw new Error(`session index payload: ${what} (expected { v: 1, items: string[], sessions: number[][], ends: number[] })`);
  };
  if (!p || p.v !== 1) fail('missing or unknown version');
  if (!Array.isArray(p!.items) || !p!.items.every((x) => typeof x === 'string')) fail('items must be strings');
  if (!Array.isArray(p!.sessions) || !Array.isArray(p!.ends) || p!.sessions.length !== p!.ends.length) {
    fail('sessions and ends must be arrays of the same length');
  }
  const count = p!.items!.length;
  const order = p!.ends!.map((_, i) => i);
  for (const i of order) {
    const s = p!.sessions![i];
    if (!Array.isArray(s) || !s.every((n) => Number.isInteger(n) && n >= 0 && n < count)) fail(`session ${i} has an item number out of range`);
    if (!Number.isFinite(p!.ends![i])) fail(`end ${i} is not a number`);
  }
  order.sort((a, b) => p!.ends![a]! - p!.ends![b]!);
  const lookup = new Map(p!.items!.map((id, n) => [id, n]));
  return assemble(p!.items!, lookup, order.map((i) => p!.sessions![i]!), order.map((i) => p!.ends![i]!), options);
}

function assemble(
  items: string[],
  lookup: Map<string, number>,
  sessions: readonly (readonly number[])[],
  ends: readonly number[],
  options: SessionIndexOptions,
): SessionIndex {
  const offsets = new Int32Array(sessions.length + 1);
  sessions.forEach((s, i) => (offsets[i + 1] = offsets[i]! + s.length));
  const flat = new Int32Array(offsets[sessions.length]!);
  const distinct = new Int32Array(sessions.length);
  const postingLists: number[][] = items.map(() => []);
  const stamp = new Int32Array(items.length).fill(-1);
  sessions.forEach((s, i) => {
    flat.set(s, offsets[i]!);
    for (const n of s) {
      if (stamp[n] === i) continue;
      stamp[n] = i;
      distinct[i]!++;
      postingLists[n]!.push(i);
    }
  });
  return {
    items,
    lookup,
    offsets,
    flat,
    distinct,
    ends: Float64Array.from(ends),
    postings: postingLists.map((l) => Int32Array.from(l)),
    ruleWindow: options.ruleWindow ?? 10,
    rulesPerItem: options.rulesPerItem ?? 30,
  };
}

/**
 * The sequential rules of one item, `[item number, weight]` best first (all items' rules are
 * computed on the first call). @example rulesOf(index, index.lookup.get('a')!)
 */
export function rulesOf(index: SessionIndex, item: number): [number, number][] {
  if (!index.rules) {
    const sessions: Int32Array[] = [];
    for (let s = 0; s < index.ends.length; s++) sessions.push(index.flat.subarray(index.offsets[s], index.offsets[s + 1]));
    index.rules = sequentialRules(index.items.length, sessions, index.ruleWindow, index.rulesPerItem);
  }
  return index.rules[item] ?? [];
}

// Sequential rules (Ludewig & Jannach's SR): b after a within `window` steps, weight 1/gap.
function sequentialRules(count: number, sessions: readonly ArrayLike<number>[], window: number, keep: number): [number, number][][] {
  const rows: Map<number, number>[] = [];
  for (const s of sessions) {
    for (let i = 0; i < s.length; i++) {
      const row = (rows[s[i]!] ??= new Map());
      for (let j = i + 1; j < s.length && j - i <= window; j++) {
        row.set(s[j]!, (row.get(s[j]!) ?? 0) + 1 / (j - i));
      }
    }
  }
  const rules: [number, number][][] = [];
  for (let n = 0; n < count; n++) {
    rules.push(rows[n] ? [...rows[n]!].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, keep) : []);
  }
  return rules;
}

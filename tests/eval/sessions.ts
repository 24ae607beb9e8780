import { readFileSync } from 'node:fs';

/** One session of the evaluation data: its item sequence in time order. */
export interface Session {
  id: string;
  items: string[];
  /** Event times (epoch seconds, fractions allowed), parallel to `items`. */
  times: number[];
}

/**
 * Parses session-rec text (tab-separated `SessionId ItemId Time` with a header, any column
 * order) into sessions sorted by their first event; events inside a session are sorted by time.
 *
 * @example parseSessions('SessionId\tItemId\tTime\n1\t10\t5.0\n1\t11\t6.0\n')
 */
export function parseSessions(text: string, source = 'input'): Session[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim());
  const col = (name: string): number => {
    const at = header.indexOf(name);
    if (at < 0) {
      throw new Error(
        `${source}: header must name columns SessionId, ItemId and Time (tab-separated, session-rec format); got "${lines[0] ?? ''}"`,
      );
    }
    return at;
  };
  const [s, it, t] = [col('SessionId'), col('ItemId'), col('Time')];
  const bySession = new Map<string, { item: string; time: number; line: number }[]>();
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line === '') continue;
    const f = line.split('\t');
    const time = Number(f[t]);
    const id = f[s];
    const item = f[it];
    if (!id || !item || !Number.isFinite(time)) {
      throw new Error(`${source}:${n + 1}: expected SessionId, ItemId and a numeric Time, got "${line}"`);
    }
    let events = bySession.get(id);
    if (!events) bySession.set(id, (events = []));
    events.push({ item, time, line: n });
  }
  const sessions: Session[] = [];
  for (const [id, events] of bySession) {
    events.sort((a, b) => a.time - b.time || a.line - b.line);
    sessions.push({ id, items: events.map((e) => e.item), times: events.map((e) => e.time) });
  }
  return sessions.sort((a, b) => a.times[0]! - b.times[0]! || (a.id < b.id ? -1 : 1));
}

/** Reads a session-rec file from disk. @example readSessions('train.tsv') */
export function readSessions(path: string): Session[] {
  return parseSessions(readFileSync(path, 'utf8'), path);
}

/** Time of a session's last event: what "most recent session" means for the kNN methods. */
export function endTime(session: Session): number {
  return session.times[session.times.length - 1] ?? 0;
}

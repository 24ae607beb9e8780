import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { endTime, type Session } from './sessions';

/** The shared data sets live beside the repository and are read in place, never copied. */
export function datasetsDir(): string {
  return fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
}

/**
 * Parses Diginetica's `item-views.csv` (`session_id;user_id;item_id;timeframe;eventdate`) into
 * sessions. Time = the event date (UTC midnight) plus `timeframe`, the milliseconds since the
 * session's first event, in epoch seconds.
 *
 * @example parseDiginetica('session_id;user_id;item_id;timeframe;eventdate\n1;NA;5;0;2016-05-09\n')
 */
export function parseDiginetica(text: string, source = 'item-views.csv'): Session[] {
  const lines = text.split(/\r?\n/);
  if (!lines[0]?.startsWith('session_id;user_id;item_id;timeframe;eventdate')) {
    throw new Error(`${source}: expected the Diginetica header session_id;user_id;item_id;timeframe;eventdate`);
  }
  const bySession = new Map<string, { item: string; time: number }[]>();
  for (let n = 1; n < lines.length; n++) {
    if (!lines[n]) continue;
    const [id, , item, frame, date] = lines[n]!.split(';');
    const time = Date.parse(`${date}T00:00:00Z`) / 1000 + Number(frame) / 1000;
    if (!id || !item || !Number.isFinite(time)) throw new Error(`${source}:${n + 1}: malformed line "${lines[n]}"`);
    let events = bySession.get(id);
    if (!events) bySession.set(id, (events = []));
    events.push({ item, time });
  }
  return [...bySession].map(([id, events]) => {
    events.sort((a, b) => a.time - b.time);
    return { id, items: events.map((e) => e.item), times: events.map((e) => e.time) };
  });
}

/**
 * Time-based split, as SR-GNN and session-rec do for Diginetica: sessions that end in the last
 * `testDays` days of the data are the test set, all earlier ones the training set.
 *
 * @example const { train, test } = splitByTime(sessions, 7);
 */
export function splitByTime(sessions: readonly Session[], testDays: number): { train: Session[]; test: Session[] } {
  const last = Math.max(...sessions.map(endTime));
  const cut = last - testDays * 86_400;
  const sorted = [...sessions].sort((a, b) => endTime(a) - endTime(b));
  return { train: sorted.filter((s) => endTime(s) <= cut), test: sorted.filter((s) => endTime(s) > cut) };
}

/** The Diginetica sample with its documented split (last 7 days for testing). */
export function diginetica(): { train: Session[]; test: Session[] } {
  const path = `${datasetsDir()}diginetica-sample/item-views.csv`;
  return splitByTime(parseDiginetica(readFileSync(path, 'utf8'), path), 7);
}

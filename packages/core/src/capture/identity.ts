/**
 * Who and when: the first-party visitor id and the session id stamped on every event.
 *
 * With consent both live in localStorage, so they survive reloads and are shared by the tabs
 * of the store; otherwise they live in memory for this page. `session()` runs on every
 * `track()`, so it only compares numbers; localStorage is read when the session looks expired
 * (another tab may have kept it alive) and written when a session starts or by `save()`,
 * which the SDK calls off the hot path.
 */
import { localDel, localGet, localSet } from '../storage/local';
import { isUlid, ulid } from './ulid';

/** The visitor and session of this page. */
export interface Identity {
  /** Current visitor id (read from localStorage at start when persistent; changes on `reset()`). */
  readonly visitor: string;
  /** Whether ids are persisted in localStorage. */
  readonly persistent: boolean;
  /** The session id for an event at `now`, starting a new session after the idle timeout. */
  session(now: number): string;
  /** Writes the last activity time so other tabs and the next page continue the session. */
  save(): void;
  /**
   * Starts or stops persisting. Starting joins ids already stored by another tab (so the
   * visitor may change), else stores this page's; stopping removes them (consent withdrawn).
   */
  setPersistent(on: boolean): void;
  /** Forgets the visitor: a new visitor id (or `next`, chosen by another tab) and a new session. */
  reset(now: number, next?: string): void;
}

/**
 * @param site public site key (namespaces the storage keys)
 * @param timeoutMs idle time after which a new session starts (default 30 min in the SDK)
 * @param persistent whether consent allows storing the ids
 * @example
 * const id = createIdentity('shop', 30 * 60_000, true);
 * id.session(Date.now()); // '01J…'
 */
export function createIdentity(site: string, timeoutMs: number, persistent: boolean): Identity {
  const vKey = `af:${site}:visitor`;
  const sKey = `af:${site}:session`;
  let visitor = '';
  let sid = '';
  let last = -Infinity;
  let dirty = false;

  const read = () => {
    const [id, at] = (localGet(sKey) ?? '').split('.');
    if (isUlid(id) && Number(at) > last) {
      sid = id;
      last = Number(at);
    }
  };
  const write = () => {
    if (persistent) localSet(sKey, `${sid}.${last}`);
    dirty = false;
  };
  const adopt = () => {
    const stored = localGet(vKey);
    if (isUlid(stored)) visitor = stored;
    else localSet(vKey, visitor);
  };

  visitor = ulid();
  if (persistent) {
    adopt();
    read();
  }

  return {
    get visitor() {
      return visitor;
    },
    get persistent() {
      return persistent;
    },
    session(now) {
      if (now - last > timeoutMs) {
        if (persistent) read();
        if (now - last > timeoutMs) {
          sid = ulid(now);
          last = now;
          // Written at once so a second tab starting at the same time joins this session.
          write();
        }
      }
      if (now > last) last = now;
      dirty = true;
      return sid;
    },
    save() {
      if (!dirty || !persistent) return;
      const mine = last;
      read();
      last = Math.max(last, mine);
      write();
    },
    setPersistent(on) {
      if (on === persistent) return;
      persistent = on;
      if (on) {
        // Another tab may have been granted first and stored its ids: join them, not fork.
        adopt();
        const mine = sid;
        read();
        if (sid && sid === mine) write();
      } else {
        localDel(vKey);
        localDel(sKey);
      }
    },
    reset(now, next) {
      visitor = next ?? ulid(now);
      sid = '';
      last = -Infinity;
      if (next) return;
      localDel(sKey);
      if (persistent) localSet(vKey, visitor);
    },
  };
}

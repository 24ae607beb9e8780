import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE_PROP, startEarlyRanking } from './early';
import { listEntry, snapshotKey, withList } from './format';

const SITE = 'early-test';
let stop: (() => void) | undefined;

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => stop?.());

/** What `<af-ranked-list>` would have remembered for this visitor. */
function remember(listId: string, base: string[], order: string[], vid = 'visitor-1') {
  localStorage.setItem(`af:${SITE}:visitor`, 'visitor-1');
  localStorage.setItem(snapshotKey(SITE), JSON.stringify(withList(undefined, vid, listEntry(listId, base, order)!, Date.now())));
}

/** The merchant's list as the page's framework inserts it (cards built before insertion). */
function insertList(listId: string, ids: string[], attrs: Record<string, string> = {}) {
  const list = document.createElement('af-ranked-list');
  list.setAttribute('list-id', listId);
  for (const [k, v] of Object.entries(attrs)) list.setAttribute(k, v);
  for (const id of ids) {
    const card = document.createElement('article');
    card.dataset.productId = id;
    list.append(card);
  }
  document.body.append(list);
  return list;
}

const order = (list: Element) => Array.from(list.children, (c) => (c as HTMLElement).dataset.productId);
const microtasks = () => new Promise<void>((r) => queueMicrotask(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startEarlyRanking (affinity-early.js)', () => {
  it('puts a returning shopper’s list in the personal order in the insertion task, before any paint', async () => {
    remember('category:kitchen', ['a', 'b', 'c', 'd'], ['c', 'a', 'd', 'b']);
    stop = startEarlyRanking(document, { site: SITE });
    const list = insertList('category:kitchen', ['a', 'b', 'c', 'd']);
    await microtasks();
    expect(order(list)).toEqual(['c', 'a', 'd', 'b']);
    expect(list.getAttribute('af-early')).toBe('snapshot');
    expect(list.hasAttribute('ranked')).toBe(true);
    expect(list.hasAttribute('af-hold')).toBe(false);
    // The merchant's order is handed to <af-ranked-list> as its base.
    expect((list as unknown as Record<string, unknown>)[BASE_PROP]).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads storage in a task after its own (keeping the page’s parse task short), or at once for a list that comes first', async () => {
    remember('category:kitchen', ['a', 'b', 'c'], ['c', 'a', 'b']);
    const getItem = vi.spyOn(localStorage, 'getItem');
    stop = startEarlyRanking(document, { site: SITE });
    expect(getItem).not.toHaveBeenCalled();
    await sleep(0);
    expect(getItem).toHaveBeenCalled();
    const list = insertList('category:kitchen', ['a', 'b', 'c']);
    await microtasks();
    expect(order(list)).toEqual(['c', 'a', 'b']);
    stop();
    getItem.mockClear();
    // A list in the same chunk of HTML as the script: read when the list arrives, same task.
    stop = startEarlyRanking(document, { site: SITE });
    const again = insertList('category:kitchen', ['a', 'b', 'c']);
    await microtasks();
    expect(getItem).toHaveBeenCalled();
    expect(order(again)).toEqual(['c', 'a', 'b']);
    getItem.mockRestore();
  });

  it('marks an order an older profile made as stale (applied, but open to correction)', async () => {
    localStorage.setItem(`af:${SITE}:visitor`, 'visitor-1');
    let snap = withList(undefined, 'visitor-1', listEntry('x', ['a', 'b'], ['b', 'a'], false, 100)!, 1);
    snap = { ...snap, ps: 200 };
    localStorage.setItem(snapshotKey(SITE), JSON.stringify(snap));
    stop = startEarlyRanking(document, { site: SITE });
    const list = insertList('x', ['a', 'b']);
    await microtasks();
    expect(order(list)).toEqual(['b', 'a']);
    expect(list.getAttribute('af-early')).toBe('stale');
  });

  it('re-orders a list already in the document when it starts (server-rendered page)', () => {
    remember('all', ['a', 'b'], ['b', 'a']);
    const list = insertList('all', ['a', 'b']);
    stop = startEarlyRanking(document, { site: SITE });
    expect(order(list)).toEqual(['b', 'a']);
  });

  it('never holds or touches a new visitor’s list', async () => {
    stop = startEarlyRanking(document, { site: SITE, holdMs: 10 });
    const list = insertList('category:kitchen', ['a', 'b', 'c']);
    await microtasks();
    expect(list.hasAttribute('af-hold')).toBe(false);
    await sleep(30);
    expect(list.attributes.length).toBe(1);
    expect(order(list)).toEqual(['a', 'b', 'c']);
  });

  it('holds a list the snapshot does not fit, then shows the merchant’s order after the timeout', async () => {
    remember('category:kitchen', ['a', 'b', 'c'], ['c', 'b', 'a']);
    stop = startEarlyRanking(document, { site: SITE, holdMs: 20 });
    const list = insertList('category:kitchen', ['a', 'b', 'x']);
    await microtasks();
    expect(list.hasAttribute('af-hold')).toBe(true);
    await sleep(60);
    expect(list.hasAttribute('af-hold')).toBe(false);
    expect(list.getAttribute('af-early')).toBe('timeout');
    expect(order(list)).toEqual(['a', 'b', 'x']);
  });

  it('does not hold a list the shopper was never shown (it paints at once, in the merchant’s order)', async () => {
    remember('category:kitchen', ['a', 'b', 'c'], ['c', 'b', 'a']);
    stop = startEarlyRanking(document, { site: SITE, holdMs: 10 });
    const list = insertList('category:garden', ['x', 'y']);
    await microtasks();
    expect(list.hasAttribute('af-hold')).toBe(false);
    expect(order(list)).toEqual(['x', 'y']);
  });

  it('treats a corrupt snapshot as unusable: held, then released by the timeout', async () => {
    localStorage.setItem(snapshotKey(SITE), '{"v":1,"vid":');
    stop = startEarlyRanking(document, { site: SITE, holdMs: 20 });
    const list = insertList('x', ['a', 'b']);
    await microtasks();
    expect(list.hasAttribute('af-hold')).toBe(true);
    await sleep(60);
    expect(list.getAttribute('af-early')).toBe('timeout');
  });

  it('leaves the release to the element when it ranks the list within the hold', async () => {
    localStorage.setItem(snapshotKey(SITE), 'corrupt');
    stop = startEarlyRanking(document, { site: SITE, holdMs: 20 });
    const list = insertList('x', ['a', 'b']);
    await microtasks();
    list.removeAttribute('af-hold');
    list.setAttribute('af-early', 'ranked');
    await sleep(60);
    expect(list.getAttribute('af-early')).toBe('ranked');
  });

  it('ignores a snapshot of another visitor, a denied consent, and disabled lists', async () => {
    remember('x', ['a', 'b'], ['b', 'a'], 'someone-else');
    stop = startEarlyRanking(document, { site: SITE, holdMs: 10 });
    const other = insertList('x', ['a', 'b']);
    await microtasks();
    expect(order(other)).toEqual(['a', 'b']);
    expect(other.hasAttribute('af-hold')).toBe(false);
    stop();

    remember('x', ['a', 'b'], ['b', 'a']);
    localStorage.setItem(`af:${SITE}:consent`, 'denied');
    stop = startEarlyRanking(document, { site: SITE, holdMs: 10 });
    const denied = insertList('x', ['a', 'b']);
    await microtasks();
    expect(order(denied)).toEqual(['a', 'b']);
    stop();

    localStorage.removeItem(`af:${SITE}:consent`);
    stop = startEarlyRanking(document, { site: SITE, holdMs: 10 });
    const disabled = insertList('x', ['a', 'b'], { disabled: '' });
    await microtasks();
    expect(order(disabled)).toEqual(['a', 'b']);
    expect(disabled.hasAttribute('af-hold')).toBe(false);
  });

  it('applies the order once the last card of a list parsed in pieces arrives', async () => {
    remember('x', ['a', 'b', 'c'], ['c', 'b', 'a']);
    stop = startEarlyRanking(document, { site: SITE, holdMs: 1000 });
    const list = insertList('x', ['a', 'b']);
    await microtasks();
    expect(list.hasAttribute('af-hold')).toBe(true);
    const card = document.createElement('article');
    card.dataset.productId = 'c';
    list.append(card);
    await microtasks();
    expect(order(list)).toEqual(['c', 'b', 'a']);
    expect(list.hasAttribute('af-hold')).toBe(false);
    expect(list.getAttribute('af-early')).toBe('snapshot');
  });
});

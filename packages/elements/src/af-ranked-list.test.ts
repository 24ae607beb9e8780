// How <af-ranked-list> cooperates with the early script (affinity-early.js): it never moves a
// list the shopper has already seen in its first order, releases a held list with its own
// order, takes the merchant's order from the early script, and remembers what it shows.
import { afterEach, describe, expect, it } from 'vitest';
import { createAffinity, createRuntime, listEntry, parseSnapshot, setRuntime, snapshotKey, startEarlyRanking, withList, type Affinity, type Runtime } from '@affinity/core';
import { defineElements } from './define';

defineElements();

const PRODUCTS = [
  { id: 'tent', title: 'Trail tent', category: ['Outdoor', 'Tents'], price: 200 },
  { id: 'stove', title: 'Camp stove', category: ['Outdoor', 'Cooking'], price: 60 },
  { id: 'shoe', title: 'Running shoe', category: ['Apparel', 'Shoes'], price: 120, brand: 'Fast' },
  { id: 'sock', title: 'Running sock', category: ['Apparel', 'Socks'], price: 12 },
];
const MERCHANT = ['tent', 'stove', 'sock', 'shoe'];

let affinity: Affinity | undefined;
let rt: Runtime | undefined;
afterEach(() => {
  document.body.innerHTML = '';
  setRuntime(undefined);
  rt?.destroy();
  affinity?.destroy();
  localStorage.clear();
});

/** A runtime whose shopper keeps looking at running shoes (so the shoe ranks first). */
async function shopper() {
  affinity = createAffinity({ site: `el-${Math.random().toString(36).slice(2)}`, consent: 'granted', respectGpc: false });
  rt = createRuntime({ affinity, products: PRODUCTS });
  for (let i = 0; i < 4; i++) affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes', item_brand: 'Fast' }] });
  await rt.ready;
  return rt;
}

function list(ids: string[], attrs: Record<string, string> = {}) {
  const el = document.createElement('af-ranked-list');
  el.setAttribute('list-id', 'outdoor');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const id of ids) {
    const card = document.createElement('article');
    card.dataset.productId = id;
    el.append(card);
  }
  return el;
}
const order = (el: Element) => Array.from(el.children, (c) => (c as HTMLElement).dataset.productId);
const until = async (check: () => void) => {
  for (let i = 0; ; i++) {
    try {
      return check();
    } catch (e) {
      if (i > 150) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
};

describe('<af-ranked-list> and the early script', () => {
  it('ranks a list nobody touched, and remembers the order for the next first paint', async () => {
    setRuntime(await shopper());
    const el = document.body.appendChild(list(MERCHANT));
    await until(() => expect(order(el)[0]).toBe('shoe'));
    const stored = parseSnapshot(localStorage.getItem(snapshotKey(affinity!.site)))!;
    const e = stored.l.find((x) => x.k === 'outdoor')!;
    expect(e.b).toEqual(MERCHANT);
    expect(e.o.map((i) => e.b[i])).toEqual(order(el));
  });

  it('keeps the order the shopper first saw on a list the early script settled', async () => {
    setRuntime(await shopper());
    // Already re-ordered from an older snapshot (the shoe second), the merchant's order kept aside.
    const el = list(['tent', 'shoe', 'stove', 'sock'], { 'af-early': 'snapshot' });
    (el as unknown as { afBase: string[] }).afBase = MERCHANT;
    document.body.appendChild(el);
    // The element's fresh ranking differs (it is remembered for the next page) but nothing moves.
    await until(() => {
      const e = parseSnapshot(localStorage.getItem(snapshotKey(affinity!.site)))?.l.find((x) => x.k === 'outdoor');
      expect(e?.b).toEqual(MERCHANT);
      expect(e!.o.map((i) => e!.b[i])[0]).toBe('shoe');
    });
    expect(order(el)).toEqual(['tent', 'shoe', 'stove', 'sock']);
  });

  it('keeps the merchant’s order as its base when the early script re-orders a list it already watches (single-page app)', async () => {
    const runtime = await shopper();
    const snapshot = withList(undefined, affinity!.visitorId, listEntry('outdoor', MERCHANT, ['sock', 'tent', 'stove', 'shoe'])!, 1);
    localStorage.setItem(snapshotKey(affinity!.site), JSON.stringify(snapshot));
    const stop = startEarlyRanking(document, { site: affinity!.site });
    // As on a page: the head script reads the stored state (a task after it ran) before the
    // widgets start, which re-stamp a snapshot older than the profile.
    await new Promise((r) => setTimeout(r));
    setRuntime(runtime);
    try {
      // Connected (and reading its base) on insertion; the early script moves the cards right after.
      const el = document.body.appendChild(list(MERCHANT));
      await until(() => {
        const e = parseSnapshot(localStorage.getItem(snapshotKey(affinity!.site)))?.l.find((x) => x.k === 'outdoor');
        expect(e?.b).toEqual(MERCHANT);
        expect(e!.o.map((i) => e!.b[i])[0]).toBe('shoe');
      });
      expect(order(el)).toEqual(['sock', 'tent', 'stove', 'shoe']);
      expect(el.getAttribute('af-early')).toBe('snapshot');
    } finally {
      stop();
    }
  });

  it('corrects a list the early script ordered from an older profile', async () => {
    setRuntime(await shopper());
    const el = list(['sock', 'tent', 'stove', 'shoe'], { 'af-early': 'stale' });
    (el as unknown as { afBase: string[] }).afBase = MERCHANT;
    document.body.appendChild(el);
    await until(() => expect(order(el)[0]).toBe('shoe'));
    expect(order(el).slice().sort()).toEqual(MERCHANT.slice().sort());
    // The list is the element's now (pages and tests can tell the correction happened).
    expect(el.getAttribute('af-early')).toBe('ranked');
  });

  it('keeps the merchant’s order after a hold ran out', async () => {
    setRuntime(await shopper());
    const el = document.body.appendChild(list(MERCHANT, { 'af-early': 'timeout' }));
    await until(() => expect(localStorage.getItem(snapshotKey(affinity!.site))).not.toBeNull());
    expect(order(el)).toEqual(MERCHANT);
  });

  it('releases a held list as soon as it applies its own order', async () => {
    const el = document.body.appendChild(list(MERCHANT, { 'af-hold': '' }));
    setRuntime(await shopper());
    await until(() => expect(el.hasAttribute('af-hold')).toBe(false));
    expect(el.getAttribute('af-early')).toBe('ranked');
    // Shown from its own order on, it then follows the profile like any list.
    await until(() => expect(order(el)[0]).toBe('shoe'));
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAffinity, type Affinity } from '../affinity';
import { createRuntime, type Runtime } from '../runtime/runtime';
import { listEntry, parseSnapshot, snapshotKey, withList } from './format';
import { rank } from '../rank/rank';
import { connectSnapshot } from './writer';

const PRODUCTS = [
  { id: 'tent', title: 'Trail tent', category: ['Outdoor', 'Tents'], price: 200 },
  { id: 'stove', title: 'Camp stove', category: ['Outdoor', 'Cooking'], price: 60 },
  { id: 'shoe', title: 'Running shoe', category: ['Apparel', 'Shoes'], price: 120 },
  { id: 'sock', title: 'Running sock', category: ['Apparel', 'Socks'], price: 12 },
];

let affinity: Affinity | undefined;
let rt: Runtime | undefined;
afterEach(() => {
  rt?.destroy();
  affinity?.destroy();
  localStorage.clear();
});

async function start(consent: 'granted' | 'unknown' = 'granted') {
  affinity = createAffinity({ site: `snap-${Math.random()}`, consent, respectGpc: false });
  rt = createRuntime({ affinity, products: PRODUCTS });
  await rt.ready;
  return { affinity, rt, stored: () => parseSnapshot(localStorage.getItem(snapshotKey(affinity!.site))) };
}

describe('connectSnapshot', () => {
  it('remembers the order a list shows, for this visitor, while the profile is persisted', async () => {
    const { affinity, rt, stored } = await start();
    const w = connectSnapshot(rt);
    w.remember('outdoor', ['tent', 'stove'], ['stove', 'tent']);
    expect(stored()).toMatchObject({ v: 1, vid: affinity.visitorId, l: [{ k: 'outdoor', b: ['tent', 'stove'], o: [1, 0] }] });
  });

  it('keeps the lists another tab stored meanwhile (the stored text is read afresh, not remembered)', async () => {
    const { affinity, rt, stored } = await start();
    const w = connectSnapshot(rt);
    w.remember('outdoor', ['tent', 'stove'], ['stove', 'tent']);
    // Another tab of the same visitor ranks a list of its own.
    const other = listEntry('apparel', ['shoe', 'sock'], ['sock', 'shoe'])!;
    localStorage.setItem(snapshotKey(affinity.site), JSON.stringify(withList(stored(), affinity.visitorId, other, Date.now())));
    w.remember('outdoor', ['tent', 'stove'], ['tent', 'stove']);
    expect(stored()!.l.map((e) => [e.k, e.o])).toEqual([
      ['outdoor', [0, 1]],
      ['apparel', [1, 0]],
    ]);
  });

  it('writes nothing while consent is not granted (the profile is not persisted either)', async () => {
    const { rt, stored } = await start('unknown');
    connectSnapshot(rt).remember('outdoor', ['tent', 'stove'], ['stove', 'tent']);
    expect(stored()).toBeUndefined();
  });

  it('erases the snapshot when consent is denied, the profile is reset, or the shopper is forgotten', async () => {
    const { affinity, rt, stored } = await start();
    const w = connectSnapshot(rt);
    w.remember('outdoor', ['tent', 'stove'], ['stove', 'tent']);
    affinity.setConsent('denied');
    expect(stored()).toBeUndefined();

    affinity.setConsent('granted');
    affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel' }] });
    w.remember('outdoor', ['tent', 'stove'], ['stove', 'tent']);
    expect(stored()).toBeDefined();
    await rt.profile.reset();
    expect(stored()).toBeUndefined();

    w.remember('outdoor', ['tent', 'stove'], ['stove', 'tent']);
    expect(stored()).toBeDefined();
    await affinity.forget();
    expect(stored()).toBeUndefined();
  });

  it('re-ranks stored lists of other pages when the profile changes, so the next page paints the current interest', async () => {
    const { affinity, rt, stored } = await start();
    // Shown on an earlier page in the merchant's order (no interest yet).
    const earlier = withList(undefined, affinity.visitorId, listEntry('apparel', ['sock', 'tent', 'shoe'], ['sock', 'tent', 'shoe'])!, 1);
    localStorage.setItem(snapshotKey(affinity.site), JSON.stringify(earlier));
    // This page does not show that list; the shopper shows interest in shoes here.
    const w = connectSnapshot(rt);
    for (let i = 0; i < 3; i++) affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes' }] });
    await vi.waitFor(() => {
      const e = stored()!.l.find((x) => x.k === 'apparel')!;
      expect(e.o.map((i) => e.b[i])[0]).toBe('shoe');
    });
    // A list the element ranked with merchant rules is left as the element wrote it.
    w.remember('ruled', ['sock', 'shoe'], ['sock', 'shoe'], true);
    affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes' }] });
    await new Promise((r) => setTimeout(r, 50));
    expect(stored()!.l.find((x) => x.k === 'ruled')!.o).toEqual([0, 1]);
  });
});

describe('connectSnapshot on a later page', () => {
  it('re-ranks a list with the products remembered beside the profile, even when this page’s catalog lacks them', async () => {
    const site = `snap-${Math.random()}`;
    // The listing page: the element remembers the order and the products it ranked.
    const a1 = createAffinity({ site, consent: 'granted', respectGpc: false });
    const rt1 = createRuntime({ affinity: a1, products: PRODUCTS });
    await rt1.ready;
    connectSnapshot(rt1).remember('all', ['sock', 'tent', 'shoe'], ['sock', 'tent', 'shoe'], false, PRODUCTS);
    // Only the products of stored lists are kept (not the stove).
    await vi.waitFor(async () => expect(Object.keys((await a1.state.get<Record<string, unknown>>('snapshot-products')) ?? {}).sort()).toEqual(['shoe', 'sock', 'tent']));
    rt1.destroy();
    a1.destroy();

    // A product page: its catalog knows only the shoe; interest in shoes grows.
    affinity = createAffinity({ site, consent: 'granted', respectGpc: false });
    rt = createRuntime({ affinity, products: [] });
    await rt.ready;
    connectSnapshot(rt);
    for (let i = 0; i < 3; i++) affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes' }] });
    await vi.waitFor(() => {
      const e = parseSnapshot(localStorage.getItem(snapshotKey(site)))!.l[0]!;
      expect(e.o.map((i) => e.b[i])[0]).toBe('shoe');
    });
  });
});

describe('connectSnapshot without product details', () => {
  it('re-ranks a stored list from the items of the shopper’s own events when no page kept its products', async () => {
    const site = `snap-${Math.random()}`;
    affinity = createAffinity({ site, consent: 'granted', respectGpc: false });
    rt = createRuntime({ affinity, products: [] });
    await rt.ready;
    // The listing was shown (its items are in the log) before any widget knew its products.
    const items = PRODUCTS.map((p, index) => ({ item_id: p.id, item_name: p.title, item_category: p.category[0], item_category2: p.category[1], price: p.price, index }));
    affinity.track('view_item_list', { item_list_id: 'all', items });
    // Its stored order is stale (tent first, from an older profile).
    const stale = withList(undefined, affinity.visitorId, listEntry('all', ['sock', 'tent', 'shoe'], ['tent', 'sock', 'shoe'])!, 1);
    localStorage.setItem(snapshotKey(site), JSON.stringify(stale));
    // A page whose catalog knows none of them; the profile changes here.
    connectSnapshot({ ...rt, catalog: { get: () => undefined } });
    affinity.track('view_item', { items: [items[2]!] });
    const byId = new Map(PRODUCTS.map((p) => [p.id, p]));
    await vi.waitFor(
      () => {
        const e = parseSnapshot(localStorage.getItem(snapshotKey(site)))!.l[0]!;
        const expected = rank(['sock', 'tent', 'shoe'].map((id) => byId.get(id)!), { profile: rt!.profile.$profile.get(), model: null }).map((r) => r.id);
        expect(expected[0]).not.toBe('tent');
        expect(e.o.map((i) => e.b[i])).toEqual(expected);
      },
      { timeout: 3000 },
    );
  });
});

describe('connectSnapshot in a holdout experiment', () => {
  const holdout = [{ id: 'holdout', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }] }];
  const storedOrder = (site: string) => {
    const e = parseSnapshot(localStorage.getItem(snapshotKey(site)))!.l[0]!;
    return e.o.map((i) => e.b[i]);
  };
  const shopShoes = async (variant: 'control' | 'personalized') => {
    const site = `snap-${Math.random()}`;
    affinity = createAffinity({ site, consent: 'granted', respectGpc: false });
    rt = createRuntime({ affinity, products: PRODUCTS, experiments: holdout, forceVariants: { holdout: variant } });
    await rt.ready;
    // An earlier page showed the list in the merchant's order.
    localStorage.setItem(snapshotKey(site), JSON.stringify(withList(undefined, affinity.visitorId, listEntry('apparel', ['sock', 'tent', 'shoe'], ['sock', 'tent', 'shoe'])!, 1)));
    connectSnapshot(rt);
    for (let i = 0; i < 3; i++) affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes' }] });
    return site;
  };

  it('never re-ranks the stored lists of a control shopper: their next page paints the merchant’s order', async () => {
    const site = await shopShoes('control');
    // The same interest re-ranks a personalized shopper's list (below); give the refresh time to run.
    await new Promise((r) => setTimeout(r, 300));
    expect(storedOrder(site)).toEqual(['sock', 'tent', 'shoe']);
  });

  it('re-ranks them for a shopper in the personalized arm', async () => {
    const site = await shopShoes('personalized');
    await vi.waitFor(() => expect(storedOrder(site)[0]).toBe('shoe'));
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_KINDS, type TestStorage } from '../testing/storages';
import type { AffinityEvent } from '@affinity/core';
import { testEvent } from '../testing/events';

// One contract, every engine: what handlers rely on must hold for SQLite and PostgreSQL alike.
describe.each(STORAGE_KINDS)('storage contract on $name', ({ create }) => {
  let t: TestStorage;
  beforeEach(async () => {
    t = await create();
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('stores a batch and reads the events back unchanged', async () => {
    const a = testEvent({ data: { items: [{ item_id: 'a', price: 12.5 }], value: 12.5, note: 'ünïcödé' } });
    const b = testEvent({ type: 'add_to_cart' });
    expect(await t.storage.insertEvents('demo', [a, b])).toEqual({ accepted: 2, duplicates: 0, fresh: [a, b] });
    expect(await t.storage.visitorEvents('demo', 'visitor-1')).toEqual([
      { ...a, site: 'demo' },
      { ...b, site: 'demo' },
    ]);
  });

  it('counts an event sent twice once, across batches and within one batch', async () => {
    const a = testEvent();
    const b = testEvent();
    await t.storage.insertEvents('demo', [a]);
    // `fresh` is what models may count: the first copy of b, never a again.
    expect(await t.storage.insertEvents('demo', [a, b, b])).toEqual({ accepted: 1, duplicates: 2, fresh: [b] });
    expect(await t.storage.countEvents('demo')).toBe(2);
  });

  it('batches arriving together store a shared event once, and each answer counts only its own batch', async () => {
    const shared = testEvent();
    const [a, b] = [testEvent(), testEvent()];
    const answers = await Promise.all([t.storage.insertEvents('demo', [shared, a]), t.storage.insertEvents('demo', [b, shared])]);
    expect(answers.map((r) => r.accepted + r.duplicates)).toEqual([2, 2]);
    expect(answers[0]!.accepted + answers[1]!.accepted).toBe(3);
    expect([...answers[0]!.fresh, ...answers[1]!.fresh].filter((e) => e.id === shared.id)).toHaveLength(1);
    expect(await t.storage.countEvents('demo')).toBe(3);
  });

  it('a batch the database refuses fails alone; batches sent with it are stored', async () => {
    const good = testEvent();
    const broken = { ...testEvent(), type: null } as unknown as AffinityEvent;
    const [refused, stored] = await Promise.allSettled([t.storage.insertEvents('demo', [testEvent(), broken]), t.storage.insertEvents('demo', [good])]);
    expect(refused.status).toBe('rejected');
    expect(stored).toEqual({ status: 'fulfilled', value: { accepted: 1, duplicates: 0, fresh: [good] } });
    expect(await t.storage.countEvents('demo')).toBe(1);
  });

  it('many batches at once (more than are written at a time) across sites: every event stored once, each answer counts its own batch', async () => {
    const shared = testEvent();
    // The shared event only in the last batches: those wait for the first ones and are written together.
    const batches = Array.from({ length: 16 }, (_, i) => (i >= 12 ? [testEvent(), shared, testEvent()] : [testEvent(), testEvent()]));
    const results = await Promise.all(batches.map((batch, i) => t.storage.insertEvents(i % 2 ? 'other' : 'demo', batch)));
    results.forEach((r, i) => {
      expect(r.accepted + r.duplicates).toBe(batches[i]!.length);
      expect(r.fresh.every((e) => batches[i]!.includes(e))).toBe(true);
    });
    // Sent to 'demo' and 'other' in four batches: one copy, fresh for exactly one batch.
    expect(results.flatMap((r) => r.fresh).filter((e) => e.id === shared.id)).toHaveLength(1);
    const unique = new Set(batches.flat().map((e) => e.id)).size;
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(unique);
    expect((await t.storage.countEvents('demo')) + (await t.storage.countEvents('other'))).toBe(unique);
  });

  it('among many batches at once, a batch the database refuses fails alone', async () => {
    const batches = Array.from({ length: 16 }, () => [testEvent(), testEvent()]);
    batches[14] = [testEvent(), { ...testEvent(), type: null } as unknown as AffinityEvent];
    const answers = await Promise.allSettled(batches.map((batch) => t.storage.insertEvents('demo', batch)));
    expect(answers.map((a) => a.status)).toEqual(batches.map((_, i) => (i === 14 ? 'rejected' : 'fulfilled')));
    expect(await t.storage.countEvents('demo')).toBe(30);
  });

  it('keeps sites apart', async () => {
    await t.storage.insertEvents('demo', [testEvent(), testEvent()]);
    await t.storage.insertEvents('other', [testEvent()]);
    expect(await t.storage.countEvents('demo')).toBe(2);
    expect(await t.storage.countEvents('other')).toBe(1);
    expect(await t.storage.visitorEvents('other', 'visitor-1')).toHaveLength(1);
  });

  it('erases one visitor and nobody else', async () => {
    await t.storage.insertEvents('demo', [testEvent(), testEvent(), testEvent({ visitor: 'visitor-2' })]);
    expect((await t.storage.eraseVisitor('demo', 'visitor-1')).events).toBe(2);
    expect(await t.storage.visitorEvents('demo', 'visitor-1')).toEqual([]);
    expect(await t.storage.visitorEvents('demo', 'visitor-2')).toHaveLength(1);
  });

  it('a second connection to the same database sees the same events and re-runs no migration', async () => {
    const e = testEvent();
    await t.storage.insertEvents('demo', [e]);
    const again = await t.reopen();
    const other = testEvent();
    expect(await again.insertEvents('demo', [e, other])).toEqual({ accepted: 1, duplicates: 1, fresh: [other] });
    expect(await t.storage.countEvents('demo')).toBe(2);
  });

  it('merges catalog updates field by field and pages by id with a category filter', async () => {
    await t.storage.upsertProducts('demo', [
      { id: 'b', title: 'Boot', price: 120, category: ['Shoes', 'Boots'] },
      { id: 'a', title: 'Trail shoe', price: 90, category: ['Shoes', 'Running'] },
      { id: 'c', title: 'Cap', category: ['Accessories'] },
    ]);
    await t.storage.upsertProducts('demo', [{ id: 'a', price: 80, stock: 3 }]);
    const page = await t.storage.listProducts('demo', { offset: 0, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items).toEqual([
      { id: 'a', title: 'Trail shoe', price: 80, stock: 3, category: ['Shoes', 'Running'] },
      { id: 'b', title: 'Boot', price: 120, category: ['Shoes', 'Boots'] },
    ]);
    expect((await t.storage.listProducts('demo', { offset: 2, limit: 2 })).items.map((p) => p.id)).toEqual(['c']);
    const running = await t.storage.listProducts('demo', { category: 'Running', offset: 0, limit: 10 });
    expect(running).toEqual({ total: 1, items: [expect.objectContaining({ id: 'a' })] });
    expect((await t.storage.listProducts('demo', { category: 'Shoes', offset: 0, limit: 10 })).total).toBe(2);
    expect(await t.storage.productCategories('demo')).toEqual(new Map([['a', 'Shoes'], ['b', 'Shoes'], ['c', 'Accessories']]));
    expect((await t.storage.listProducts('other', { offset: 0, limit: 10 })).total).toBe(0);
  });

  it('streams only interaction events to the model builder, every one exactly once', async () => {
    const events = Array.from({ length: 12_000 }, (_, i) => testEvent({ type: i % 3 === 0 ? 'add_to_cart' : 'view_item', item: `sku-${i % 50}` }));
    events.push(testEvent({ type: 'search', data: { search_term: 'boots' } }));
    for (let i = 0; i < events.length; i += 1000) await t.storage.insertEvents('demo', events.slice(i, i + 1000));
    await t.storage.insertEvents('other', [testEvent()]);
    const seen: string[] = [];
    let chunks = 0;
    await t.storage.scanModelEvents('demo', (chunk) => {
      chunks++;
      for (const e of chunk) seen.push(e.id);
    });
    expect(chunks).toBeGreaterThan(1);
    expect(seen.sort()).toEqual(events.slice(0, 12_000).map((e) => e.id).sort());
  });

  it('ends a scan while events keep arriving, with every event stored before it started', async () => {
    const before = Array.from({ length: 6_000 }, (_, i) => testEvent({ item: `sku-${i % 50}` }));
    for (let i = 0; i < before.length; i += 1000) await t.storage.insertEvents('demo', before.slice(i, i + 1000));
    const seen = new Set<string>();
    let added = 0;
    // Each chunk stores more than a page of new events: a scan that followed them would not end.
    await t.storage.scanModelEvents('demo', async (chunk) => {
      for (const e of chunk) seen.add(e.id);
      if (added < 200_000) {
        const more = Array.from({ length: 6_000 }, () => testEvent({ item: 'sku-new' }));
        added += more.length;
        await t.storage.insertEvents('demo', more);
      }
    });
    expect(added).toBeLessThan(200_000);
    for (const e of before) expect(seen.has(e.id)).toBe(true);
  });

  it('links visitors to customers, keeps profiles per subject and moves a visitor profile to its customer', async () => {
    expect(await t.storage.linkVisitor('demo', 'v1', 'cust-1')).toEqual({ previous: undefined });
    expect(await t.storage.linkVisitor('demo', 'v1', 'cust-2')).toEqual({ previous: 'cust-1' });
    expect(await t.storage.customerOf('demo', 'v1')).toBe('cust-2');
    expect(await t.storage.customerOf('demo', 'v2')).toBeUndefined();
    await t.storage.putProfile('demo', 'v:v1', { affinity: { shoes: 3 } });
    expect(await t.storage.moveProfile('demo', 'v:v1', 'c:cust-2')).toBe(true);
    expect(await t.storage.getProfile('demo', 'v:v1')).toBeUndefined();
    expect((await t.storage.getProfile('demo', 'c:cust-2'))?.data).toEqual({ affinity: { shoes: 3 } });
    await t.storage.putProfile('demo', 'v:v3', { other: true });
    expect(await t.storage.moveProfile('demo', 'v:v3', 'c:cust-2')).toBe(false);
    expect(await t.storage.markTokenIssued('demo', 'v1')).toBe(true);
    expect(await t.storage.markTokenIssued('demo', 'v1')).toBe(false);
  });

  it('erasing a visitor leaves nothing of theirs: events, profiles, link, token', async () => {
    await t.storage.insertEvents('demo', [testEvent({ visitor: 'v1' }), testEvent({ visitor: 'v2' })]);
    await t.storage.linkVisitor('demo', 'v1', 'cust-1');
    await t.storage.putProfile('demo', 'v:v1', { a: 1 });
    await t.storage.putProfile('demo', 'c:cust-1', { b: 2 });
    await t.storage.putProfile('demo', 'v:v2', { c: 3 });
    await t.storage.markTokenIssued('demo', 'v1');
    expect(await t.storage.eraseVisitor('demo', 'v1')).toEqual({ events: 1, profiles: 2, links: 1 });
    expect(await t.storage.visitorEvents('demo', 'v1')).toEqual([]);
    expect(await t.storage.customerOf('demo', 'v1')).toBeUndefined();
    expect(await t.storage.getProfile('demo', 'v:v1')).toBeUndefined();
    expect(await t.storage.getProfile('demo', 'c:cust-1')).toBeUndefined();
    expect(await t.storage.markTokenIssued('demo', 'v1')).toBe(true);
    expect(await t.storage.getProfile('demo', 'v:v2')).toBeDefined();
    expect(await t.storage.visitorEvents('demo', 'v2')).toHaveLength(1);
  });

  it('counts events by type and channel, and people once per customer', async () => {
    await t.storage.insertEvents('demo', [
      testEvent({ visitor: 'v1', ts: 1000 }),
      testEvent({ visitor: 'v2', type: 'purchase', ts: 3000 }),
      testEvent({ visitor: 'v3', channel: 'pos', type: 'purchase', ts: 2000 }),
    ]);
    await t.storage.linkVisitor('demo', 'v1', 'cust-1');
    await t.storage.linkVisitor('demo', 'v2', 'cust-1');
    await t.storage.upsertProducts('demo', [{ id: 'a' }]);
    expect(await t.storage.stats('demo')).toEqual({
      events: 3,
      eventsByType: { view_item: 1, purchase: 2 },
      eventsByChannel: { web: 2, pos: 1 },
      visitors: 2,
      customers: 1,
      products: 1,
      profiles: 0,
      lastEventAt: 3000,
      funnel: { viewers: 1, carters: 0, checkouts: 0, buyers: 2 },
      rfmSegments: {},
    });
    await t.storage.putProfile('demo', 'c:cust-1', { rfm: { recency: 4, frequency: 2, monetary: 3, segment: 'promising' } });
    await t.storage.putProfile('demo', 'v:v3', [1, 2]);
    expect((await t.storage.stats('demo')).rfmSegments).toEqual({ promising: 1, none: 1 });
  });

  it('answers ping', async () => {
    await expect(t.storage.ping()).resolves.toBeUndefined();
  });
});

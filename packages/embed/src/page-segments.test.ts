import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAffinity, setRuntime } from '@affinity/core';
import { startElements } from './elements';
import { pageSegments, SEGMENTS_ELEMENT_ID } from './page-segments';

function declare(json: string): void {
  const el = document.createElement('script');
  el.type = 'application/json';
  el.id = SEGMENTS_ELEMENT_ID;
  el.textContent = json;
  document.head.append(el);
}

describe('merchant segments declared in the page', () => {
  afterEach(() => {
    document.getElementById(SEGMENTS_ELEMENT_ID)?.remove();
    setRuntime(undefined);
    vi.restoreAllMocks();
  });

  it('puts the shopper in a declared segment once the profile matches its rule', async () => {
    declare(JSON.stringify({ 'shoe-fan': { field: 'affinity.category.Shoes', op: 'gt', value: 0 }, vip: { field: 'orders.count', op: 'gte', value: 3 } }));
    const affinity = createAffinity({ site: 'segments-page', storage: 'memory', consent: 'granted', respectGpc: false });
    const runtime = startElements(affinity, {})!;
    const stop = runtime.profile.$segments.listen(() => {});
    expect(runtime.profile.$segments.get()).toEqual([]);
    affinity.track('view_item', { items: [{ item_id: 'boot-1', item_category: 'Shoes', price: 80 }] });
    await vi.waitFor(() => expect(runtime.profile.$segments.get()).toEqual(['shoe-fan']));
    stop();
    runtime.destroy();
    affinity.destroy();
  });

  it('leaves out a segment with a bad rule, naming the field, and keeps the others', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    declare(JSON.stringify({ ok: { field: 'lifecycle', op: 'eq', value: 'new' }, typo: { all: [{ field: 'lifecycle', op: 'equals', value: 'new' }] } }));
    expect(pageSegments(document)).toEqual({ ok: { field: 'lifecycle', op: 'eq', value: 'new' } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('typo.all[0].op');
  });

  it('starts the widgets without merchant segments when the JSON does not parse', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    declare('{ "vip": { "field": "orders.count", ');
    expect(pageSegments(document)).toBeUndefined();
    expect(String(warn.mock.calls[0]![0])).toContain('not valid JSON');
    const affinity = createAffinity({ site: 'segments-broken', storage: 'memory', consent: 'granted', respectGpc: false });
    const runtime = startElements(affinity, {});
    expect(runtime).toBeDefined();
    expect(runtime!.profile.$segments.get()).toEqual([]);
    runtime!.destroy();
    affinity.destroy();
  });

  it('refuses an array and reads nothing from a page without the element', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(pageSegments(document)).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
    declare('[]');
    expect(pageSegments(document)).toBeUndefined();
    expect(String(warn.mock.calls[0]![0])).toContain('JSON object');
  });
});

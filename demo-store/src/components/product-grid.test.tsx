import { fromDataLayer } from '@affinity/core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreProduct } from '../app/catalog';
import { ProductGrid } from './product-grid';
import { SLOTS, Slot } from './slot';

const product = (id: string): StoreProduct => ({ id, title: `Product <b>${id}</b>`, url: `/product/${id}`, image: `/img/${id}.svg`, price: 1.5, category: ['Kitchen', 'Tableware'], stock: id === 'c' ? 0 : 5 });
const layer = () => (window as unknown as { dataLayer: unknown[] }).dataLayer;
const lists = () => layer().map(fromDataLayer).filter((e) => e?.type === 'view_item_list').map((e) => e!.data.items!.map((i) => `${i.item_id}@${i.index}`));

describe('ProductGrid', () => {
  let root: HTMLElement;
  beforeEach(() => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [];
    document.body.innerHTML = '<div id="root"></div>';
    root = document.getElementById('root')!;
  });

  it('renders cards as direct light-DOM children carrying data-product-id, text escaped', () => {
    act(() => render(<ProductGrid products={[product('a'), product('b')]} listId="category:Kitchen" listName="Kitchen" />, root));
    const grid = root.querySelector('.product-grid')!;
    expect(grid.getAttribute('data-af-list-id')).toBe('category:Kitchen');
    expect([...grid.children].map((c) => c.getAttribute('data-product-id'))).toEqual(['a', 'b']);
    expect(grid.querySelector('b')).toBeNull();
    expect(grid.textContent).toContain('Product <b>a</b>');
  });

  it('reports each shown product once per list, with its position, also after "show more"', () => {
    act(() => render(<ProductGrid products={[product('a'), product('b')]} listId="l1" listName="L" />, root));
    act(() => render(<ProductGrid products={[product('a'), product('b'), product('c')]} listId="l1" listName="L" />, root));
    act(() => render(<ProductGrid products={[product('c'), product('a')]} listId="l2" listName="L2" />, root));
    expect(lists()).toEqual([['a@0', 'b@1'], ['c@2'], ['c@0', 'a@1']]);
  });

  it('tracks select_item on click and add_to_cart from the card; sold-out cards cannot be added', () => {
    act(() => render(<ProductGrid products={[product('a'), product('c')]} listId="l1" listName="L" />, root));
    const [a, c] = [...root.querySelectorAll('.product-card')];
    a!.querySelector('a')!.addEventListener('click', (e) => e.preventDefault());
    act(() => a!.querySelector('a')!.click());
    act(() => a!.querySelector('button')!.click());
    expect((c!.querySelector('button') as HTMLButtonElement).disabled).toBe(true);
    const events = layer().map(fromDataLayer).filter(Boolean).map((e) => `${e!.type}:${e!.data.items?.[0]?.item_id}:${e!.data.items?.[0]?.index ?? ''}`);
    expect(events).toContain('select_item:a:0');
    expect(events).toContain('add_to_cart:a:');
  });
});

describe('Slot', () => {
  it('reserves its height and exposes its context for the widget that will fill it', () => {
    document.body.innerHTML = '<div id="root"></div>';
    const root = document.getElementById('root')!;
    act(() => render(<Slot name="cart-complement" cartIds={['a', 'b']} />, root));
    const slot = root.querySelector<HTMLElement>('[data-af-slot="cart-complement"]')!;
    expect(slot.dataset.cartIds).toBe('a,b');
    expect(slot.style.minHeight).toBe(`${SLOTS['cart-complement'].height}px`);
    expect(slot.querySelector('.af-slot__body')!.childNodes).toHaveLength(0);
  });

  it('keeps the reserved height with its widget inside, and takes a page-specific height', () => {
    document.body.innerHTML = '<div id="root"></div>';
    const root = document.getElementById('root')!;
    act(() =>
      render(
        <>
          <Slot name="related" productId="p1">
            <af-recommendations strategy="related" product-id="p1" />
          </Slot>
          <Slot name="flash-sale" productId="p1" height={0} />
        </>,
        root,
      ),
    );
    const [related, sale] = [...root.querySelectorAll<HTMLElement>('.af-slot')];
    expect(related!.style.minHeight).toBe(`${SLOTS.related.height}px`);
    expect(related!.querySelector('af-recommendations')!.getAttribute('product-id')).toBe('p1');
    expect(sale!.style.minHeight).toBe('0px');
  });
});

describe('ProductGrid ranked by <af-ranked-list>', () => {
  beforeEach(() => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [];
    document.body.innerHTML = '<div id="root"></div>';
  });

  it('makes the element the grid, with the merchant\'s cards as its direct children', () => {
    const root = document.getElementById('root')!;
    act(() => render(<ProductGrid products={[product('a'), product('b')]} listId="category:Kitchen" listName="Kitchen" rank="on" />, root));
    const grid = root.querySelector('.product-grid')!;
    expect(grid.localName).toBe('af-ranked-list');
    expect(grid.getAttribute('list-id')).toBe('category:Kitchen');
    expect([...grid.children].map((c) => c.getAttribute('data-product-id'))).toEqual(['a', 'b']);
    // Not defined in this test (affinity.js defines it), so Preact writes attributes.
    expect(grid.hasAttribute('disabled')).toBe(false);
  });

  it('keeps the merchant\'s order when ranking is off (a sort the shopper chose)', () => {
    const root = document.getElementById('root')!;
    act(() => render(<ProductGrid products={[product('a')]} listId="l" listName="L" rank="off" />, root));
    expect(root.querySelector('af-ranked-list')!.hasAttribute('disabled')).toBe(true);
  });
});

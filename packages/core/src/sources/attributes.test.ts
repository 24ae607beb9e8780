import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchClicks } from './attributes';
import { searchFromUrl } from './search-param';

afterEach(() => {
  document.body.replaceChildren();
});

function html(markup: string) {
  // Test fixture markup only; the SDK itself never parses HTML.
  const doc = new DOMParser().parseFromString(markup, 'text/html');
  document.body.append(...Array.from(doc.body.childNodes).map((n) => document.importNode(n, true)));
}

describe('watchClicks', () => {
  it('captures a declared select_item with its list and position', () => {
    html(`<ul data-af-list-id="cat-shoes" data-af-list-name="Shoes">
      <li data-af-item-id="A"><a id="a" data-af-event="select_item">A</a></li>
      <li data-af-item-id="B" data-af-item-name="Bee" data-af-price="12.5"><a id="b" data-af-event="select_item"><span id="inner">B</span></a></li>
    </ul>`);
    const seen = vi.fn();
    const stop = watchClicks(document, seen);
    document.getElementById('inner')!.click();
    expect(seen).toHaveBeenCalledWith({
      type: 'select_item',
      data: { item_list_id: 'cat-shoes', item_list_name: 'Shoes', items: [{ item_id: 'B', item_name: 'Bee', price: 12.5, index: 1 }] },
    });
    stop();
    document.getElementById('a')!.click();
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('captures add_to_cart buttons and ignores undeclared or unknown events', () => {
    html(`<button id="add" data-af-event="add_to_cart" data-af-item-id="S1" data-af-quantity="2">Add</button>
      <button id="plain">Plain</button><button id="bad" data-af-event="purchase" data-af-item-id="S1">x</button>`);
    const seen = vi.fn();
    watchClicks(document, seen);
    document.getElementById('plain')!.click();
    document.getElementById('bad')!.click();
    document.getElementById('add')!.click();
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenCalledWith({ type: 'add_to_cart', data: { items: [{ item_id: 'S1', quantity: 2 }] } });
  });
});

describe('searchFromUrl', () => {
  it('reads the configured search parameter', () => {
    expect(searchFromUrl('https://s.example/search?q=trail+shoes')).toEqual({ type: 'search', data: { search_term: 'trail shoes' } });
    expect(searchFromUrl('https://s.example/?term=boots', ['term'])).toEqual({ type: 'search', data: { search_term: 'boots' } });
    expect(searchFromUrl('https://s.example/?q=')).toBeUndefined();
    expect(searchFromUrl('not a url')).toBeUndefined();
  });
});

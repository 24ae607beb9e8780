import { afterEach, describe, expect, it } from 'vitest';
import { interceptLinks, navigate, parseRoute } from './router';

describe('parseRoute', () => {
  it.each([
    ['/', '', { name: 'home' }],
    ['/c/home-and-living', '', { name: 'category', slugs: ['home-and-living'] }],
    ['/c/kitchen/mugs-and-cups', '', { name: 'category', slugs: ['kitchen', 'mugs-and-cups'] }],
    ['/collection/retrospot', '', { name: 'collection', slug: 'retrospot' }],
    ['/search', '?q=heart+mug', { name: 'search', query: 'heart mug' }],
    ['/search', '', { name: 'search', query: '' }],
    ['/product/85123A', '', { name: 'product', id: '85123A' }],
    ['/product/a%2Fb', '', { name: 'product', id: 'a/b' }],
    ['/cart', '', { name: 'cart' }],
    ['/checkout', '', { name: 'checkout' }],
    ['/order/T-1', '', { name: 'order', id: 'T-1' }],
    ['/account', '', { name: 'account' }],
  ])('%s%s', (path, search, route) => expect(parseRoute(path, search)).toEqual(route));

  it('gives not-found for unknown or malformed paths instead of throwing', () => {
    expect(parseRoute('/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(parseRoute('/c/a/b/c').name).toBe('not-found');
    expect(parseRoute('/product/%E0%A4%A').name).toBe('product');
  });
});

describe('navigation', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('pushes history entries for same-origin links and leaves others alone', () => {
    history.replaceState(null, '', '/');
    stop = interceptLinks(document);
    document.body.innerHTML = '<a id="in" href="/c/kitchen">K</a><a id="api" href="/v1/model">M</a><a id="new" href="/cart" target="_blank">C</a>';
    // Records whether the router took the click, then stops the test browser from following it.
    let taken = false;
    const record = (e: Event) => ((taken = e.defaultPrevented), e.preventDefault());
    addEventListener('click', record);
    const click = (id: string) => {
      document.getElementById(id)!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
      return taken;
    };
    const stopRouter = stop;
    stop = () => (stopRouter(), removeEventListener('click', record));
    const before = history.length;
    expect(click('in')).toBe(true);
    expect(location.pathname).toBe('/c/kitchen');
    expect(history.length).toBe(before + 1);
    expect(click('api')).toBe(false);
    expect(click('new')).toBe(false);
  });

  it('replaces instead of pushing when asked or when the URL does not change', () => {
    navigate('/cart');
    const before = history.length;
    navigate('/cart');
    navigate('/account', { replace: true });
    expect(history.length).toBe(before);
    expect(location.pathname).toBe('/account');
  });
});

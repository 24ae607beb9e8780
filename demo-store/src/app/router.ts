import { useEffect, useState } from 'preact/hooks';

/** The pages of the store and their URL parameters. */
export type Route =
  | { name: 'home' }
  | { name: 'category'; slugs: string[] }
  | { name: 'collection'; slug: string }
  | { name: 'search'; query: string }
  | { name: 'product'; id: string }
  | { name: 'cart' }
  | { name: 'checkout' }
  | { name: 'order'; id: string }
  | { name: 'account' }
  | { name: 'not-found'; path: string };

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * Maps a URL (path and query) to a route. Unknown paths give `not-found`, never an exception.
 *
 * @example parseRoute('/product/85123A')        // { name: 'product', id: '85123A' }
 * @example parseRoute('/search', '?q=heart+mug') // { name: 'search', query: 'heart mug' }
 */
export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter(Boolean).map(decode);
  const [head, ...rest] = parts;
  if (!head) return { name: 'home' };
  if (head === 'c' && rest.length >= 1 && rest.length <= 2) return { name: 'category', slugs: rest };
  if (head === 'collection' && rest.length === 1) return { name: 'collection', slug: rest[0]! };
  if (head === 'search' && !rest.length) return { name: 'search', query: new URLSearchParams(search).get('q')?.trim() ?? '' };
  if (head === 'product' && rest.length === 1) return { name: 'product', id: rest[0]! };
  if (head === 'order' && rest.length === 1) return { name: 'order', id: rest[0]! };
  if (!rest.length && (head === 'cart' || head === 'checkout' || head === 'account')) return { name: head };
  return { name: 'not-found', path: pathname };
}

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => listeners.forEach((l) => l());

/**
 * Client-side navigation with the History API; pages re-render through {@link useLocation}.
 *
 * @example navigate('/search?q=mug')
 */
export function navigate(url: string, { replace = false }: { replace?: boolean } = {}): void {
  const target = new URL(url, location.href);
  if (target.origin !== location.origin) {
    location.assign(target.href);
    return;
  }
  const same = target.pathname + target.search === location.pathname + location.search;
  history[replace || same ? 'replaceState' : 'pushState'](null, '', target.pathname + target.search + target.hash);
  if (!target.hash) scrollTo(0, 0);
  notify();
}

/** Paths the server answers itself (API, files): links to them are real page loads. */
const SERVER_PATH = /^\/(v1|admin)(\/|$)|\.[a-z0-9]{2,5}$/i;

/**
 * Turns plain same-origin link clicks into client-side navigations (modified clicks, other
 * targets, downloads and server paths behave as normal links). Returns a function that stops it.
 */
export function interceptLinks(root: Document = document): () => void {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || SERVER_PATH.test(url.pathname)) return;
    // In-page anchors (skip links) keep their native behaviour.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  const onPop = () => notify();
  root.addEventListener('click', onClick);
  addEventListener('popstate', onPop);
  return () => {
    root.removeEventListener('click', onClick);
    removeEventListener('popstate', onPop);
  };
}

/**
 * The current location as a string (`/c/home?sort=price-asc`); components re-render when it changes.
 *
 * @example const href = useLocation(); const route = parseRoute(location.pathname, location.search);
 */
export function useLocation(): string {
  const read = () => location.pathname + location.search;
  const [href, setHref] = useState(read);
  useEffect(() => {
    const l = () => setHref(read());
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return href;
}

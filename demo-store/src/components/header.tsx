import { useState } from 'preact/hooks';
import { useCart } from '../app/cart';
import type { Catalog } from '../app/catalog';
import { useCustomer } from '../app/customer';
import { STORE_NAME } from '../app/page-meta';
import { navigate } from '../app/router';

/** Site header: logo, search, account and basket, and the category navigation. */
export function Header({ catalog, query = '' }: { catalog: Catalog | undefined; query?: string }) {
  const cart = useCart();
  const customer = useCustomer();
  const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
  const [open, setOpen] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  };
  return (
    <header class="site-header">
      <div class="site-header__bar">
        <a class="logo" href="/" aria-label={`${STORE_NAME} home`}>
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <circle cx="16" cy="16" r="15" fill="#2f5d50" />
            <path d="M9 21c3-9 11-12 15-10-3 1-5 4-6 8-2-2-5-1-9 2z" fill="#f4d58d" />
          </svg>
          <span>{STORE_NAME}</span>
        </a>
        <form class="search" role="search" action="/search" method="get" onSubmit={submit}>
          <label class="visually-hidden" for="site-search">Search the store</label>
          <input id="site-search" name="q" type="search" placeholder="Search candles, mugs, bags…" defaultValue={query} key={query} autoComplete="off" />
          <button type="submit" class="search__button" aria-label="Search">
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2" /><path d="M15 15l6 6" stroke="currentColor" stroke-width="2" /></svg>
          </button>
        </form>
        <nav class="site-header__actions" aria-label="Account and basket">
          <a href="/account">{customer ? `Hi, ${customer.name}` : 'Sign in'}</a>
          <a href="/cart" class="basket-link">
            Basket <span class="badge" aria-label={`${count} items`}>{count}</span>
          </a>
        </nav>
        <button type="button" class="menu-toggle" aria-expanded={open} aria-controls="category-nav" onClick={() => setOpen(!open)}>
          Menu
        </button>
      </div>
      <nav id="category-nav" class={open ? 'category-nav category-nav--open' : 'category-nav'} aria-label="Categories" onClick={() => setOpen(false)}>
        <ul>
          {(catalog?.tree ?? []).map((c) => (
            <li key={c.slug}>
              <a href={c.url}>{c.name}</a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

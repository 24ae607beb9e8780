import { css, html, nothing, type TemplateResult } from 'lit';
import type { Product } from '@affinity/core';
import { formatMoney, safeUrl } from './format';

/** What a card shows besides the product. */
export interface CardContext {
  locale: string | undefined;
  /** Currency for products that do not say theirs. */
  currency: string | undefined;
  /** Screen-reader prefix of a struck-through list price. Default `was `. */
  was?: string;
  reason?: string;
}

/** Values a merchant `<template>` can ask for with `data-field="…"`. */
function fields(p: Product, c: CardContext): Record<string, string> {
  const currency = p.currency ?? c.currency;
  return {
    id: p.id,
    title: p.title ?? '',
    brand: p.brand ?? '',
    category: (p.category ?? []).join(' › '),
    price: formatMoney(p.price, c.locale, currency),
    'list-price': p.listPrice && p.price !== undefined && p.listPrice > p.price ? formatMoney(p.listPrice, c.locale, currency) : '',
    rating: p.rating !== undefined ? p.rating.toFixed(1) : '',
    reason: c.reason ?? '',
    url: safeUrl(p.url) ?? '',
    image: safeUrl(p.image) ?? '',
  };
}

const URL_ATTRS = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster']);

/**
 * Fills a clone of the merchant's `<template>`: `data-field="title"` elements get the value as
 * text, `data-attr="href:url src:image alt:title"` sets attributes. Values are only ever text or
 * checked URLs, and `on*` attributes are refused, so product data cannot run script.
 *
 * @example
 * // <template><a data-attr="href:url"><b data-field="title"></b> <span data-field="price"></span></a></template>
 * fillTemplate(template, product, { locale: 'en', currency: 'EUR' });
 */
export function fillTemplate(template: HTMLTemplateElement, product: Product, c: CardContext): DocumentFragment {
  const frag = template.content.cloneNode(true) as DocumentFragment;
  const values = fields(product, c);
  for (const el of frag.querySelectorAll<HTMLElement>('[data-field]')) {
    el.textContent = values[el.dataset.field ?? ''] ?? '';
  }
  for (const el of frag.querySelectorAll<HTMLElement>('[data-attr]')) {
    for (const pair of (el.dataset.attr ?? '').split(/\s+/)) {
      const [attr, field] = pair.split(':');
      if (!attr || !field || /^on/i.test(attr)) continue;
      const v = values[field];
      if (v === undefined) continue;
      // URL fields were checked; a text field must not become a URL.
      if (URL_ATTRS.has(attr.toLowerCase()) && field !== 'url' && field !== 'image') continue;
      if (v) el.setAttribute(attr, v);
      else el.removeAttribute(attr);
    }
  }
  return frag;
}

/**
 * The default product card: image, title, price (with the list price struck through when
 * discounted) and, when given, the reason it is shown. Parts: `card`, `image`, `title`,
 * `price`, `list-price`, `reason`.
 */
export function defaultCard(p: Product, c: CardContext): TemplateResult {
  const v = fields(p, c);
  const body = html`<span class="media" part="image-box">${v.image ? html`<img part="image" src=${v.image} alt="" loading="lazy" decoding="async" />` : nothing}</span>
    <span class="title" part="title">${v.title || p.id}</span>
    <span class="price" part="price">${v.price}${v['list-price'] ? html` <s part="list-price"><span class="sr-only">${c.was ?? 'was '}</span>${v['list-price']}</s>` : nothing}</span>
    ${c.reason ? html`<span class="reason" part="reason">${c.reason}</span>` : nothing}`;
  return v.url ? html`<a class="card" part="card" href=${v.url}>${body}</a>` : html`<div class="card" part="card">${body}</div>`;
}

/** The final-size placeholder of a card, so nothing below moves when data arrives. */
export const skeletonCard = (withReason: boolean): TemplateResult => html`<div class="card" part="card skeleton" aria-hidden="true">
  <span class="media skeleton"></span><span class="title skeleton"></span><span class="price skeleton"></span>${withReason ? html`<span class="reason"></span>` : nothing}
</div>`;

/** Grid and card styles; sizes are fixed so a skeleton and a loaded card take the same space. */
export const cardStyles = css`
  .grid {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(var(--af-columns, 4), minmax(0, 1fr));
  }
  .grid > li {
    min-width: 0;
  }
  .grid > li.unused {
    visibility: hidden;
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 4px;
    color: inherit;
    text-decoration: none;
    height: 100%;
  }
  .media {
    display: block;
    aspect-ratio: var(--af-image-ratio, 1);
    border-radius: var(--_radius);
    background: var(--_skeleton);
    overflow: hidden;
  }
  .media img {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  .title {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    line-height: 1.3em;
    height: 2.6em;
  }
  .price {
    line-height: 1.3em;
    height: 1.3em;
    font-weight: 600;
  }
  .price s {
    color: var(--_muted);
    font-weight: 400;
  }
  .reason {
    color: var(--_muted);
    font-size: 0.85em;
    line-height: 1.3em;
    height: 2.6em;
    overflow: hidden;
  }
  .skeleton.title,
  .skeleton.price {
    background: var(--_skeleton);
    border-radius: 4px;
  }
  .skeleton.price {
    width: 40%;
  }
`;

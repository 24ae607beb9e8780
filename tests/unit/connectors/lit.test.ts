// The shared connector behaviour suites, run against the Lit elements (happy-dom).
import { defineElements } from '@affinity/elements';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRODUCTS, startRuntime, until, type Fixture } from './fixtures';
import { couponsBehaviour } from './coupons';
import { flashSaleBehaviour } from './flash-sale';
import { privacyBehaviour } from './privacy';
import { rankedListBehaviour } from './ranked-list';
import { recommendationsBehaviour } from './recommendations';

defineElements();

const shadow = (el: Element) => el.shadowRoot!;
const settle = async (el: Element & { updateComplete: Promise<unknown> }) => {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
};

recommendationsBehaviour('<af-recommendations>', async (props) => {
  const el = document.createElement('af-recommendations');
  el.setAttribute('strategy', props.strategy);
  el.setAttribute('limit', String(props.limit));
  if (props.productId) el.setAttribute('product-id', props.productId);
  if (props.listId) el.setAttribute('list-id', props.listId);
  document.body.append(el);
  await el.updateComplete;
  const cards = () => Array.from(shadow(el).querySelectorAll<HTMLElement>('li[data-product-id]'));
  return {
    ids: () => cards().map((li) => li.dataset.productId!),
    titles: () => cards().map((li) => li.querySelector('[part~="title"]')!.textContent!.trim()),
    loading: () => shadow(el).querySelector('section')?.getAttribute('aria-busy') === 'true',
    click: (i) => cards()[i]!.querySelector<HTMLElement>('[part~="card"]')!.click(),
    unmount: () => el.remove(),
  };
});

function mountRanked(ids: string[]) {
  const el = document.createElement('af-ranked-list');
  for (const id of ids) {
    const card = document.createElement('article');
    card.dataset.productId = id;
    card.textContent = id;
    el.append(card);
  }
  document.body.append(el);
  return el;
}

rankedListBehaviour('<af-ranked-list>', async (ids) => {
  const el = mountRanked(ids);
  await el.updateComplete;
  return {
    order: () => Array.from(el.children, (c) => (c as HTMLElement).dataset.productId!),
    unmount: () => el.remove(),
  };
});

privacyBehaviour('<af-privacy-center>', async () => {
  const el = document.createElement('af-privacy-center');
  document.body.append(el);
  await el.updateComplete;
  const part = (name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`)!;
  const click = async (node: HTMLElement) => {
    node.click();
    await settle(el);
  };
  return {
    text: () => part('facts')?.textContent ?? '',
    on: () => part('switch').getAttribute('aria-checked') === 'true',
    toggle: () => click(part('switch')),
    reset: () => click(part('reset')),
    async erase() {
      await click(part('erase')); // asks to confirm
      await click(part('erase'));
    },
    unmount: () => el.remove(),
  };
});

couponsBehaviour('<af-coupon>', async () => {
  const el = document.createElement('af-coupon');
  document.body.append(el);
  await el.updateComplete;
  const offers = () => Array.from(shadow(el).querySelectorAll<HTMLElement>('li[data-af-index]'));
  return {
    titles: () => offers().map((o) => o.querySelector('[part="title"]')!.textContent!),
    code: () => shadow(el).querySelector('code')?.textContent ?? undefined,
    claim: () => offers()[0]!.querySelector<HTMLButtonElement>('[part="claim"]')!.click(),
    message: () => shadow(el).querySelector('[role="status"]')?.textContent ?? '',
    unmount: () => el.remove(),
  };
});

flashSaleBehaviour('<af-flash-sale>', async (_fx, saleId) => {
  const el = document.createElement('af-flash-sale');
  el.setAttribute('sale-id', saleId);
  document.body.append(el);
  await el.updateComplete;
  const button = () => shadow(el).querySelector<HTMLButtonElement>('[part="claim"]');
  return {
    status: () => el.getAttribute('status') ?? undefined,
    countdown: () => shadow(el).querySelector('[role="timer"]')?.textContent ?? '',
    remaining: () => {
      const m = /(\d+) of \d+ left/.exec(shadow(el).querySelector('[part="stock"]')?.textContent ?? '');
      return m ? Number(m[1]) : undefined;
    },
    canClaim: () => !!button() && !button()!.disabled,
    claim: () => button()!.click(),
    unmount: () => el.remove(),
  };
});

describe('<af-ranked-list> specifics', () => {
  let fx: Fixture | undefined;
  afterEach(() => {
    document.body.replaceChildren();
    fx?.stop();
    fx = undefined;
  });

  it("moves the merchant's own nodes without re-creating or restyling them", async () => {
    fx = startRuntime({ model: null });
    const el = mountRanked(['tent', 'stove', 'shoe']);
    const nodes = Array.from(el.children);
    nodes.forEach((n) => n.setAttribute('class', 'merchant-card'));
    await fx.runtime.ready;
    for (let i = 0; i < 4; i++) fx.affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes' }] });
    await until(() => expect((el.children[0] as HTMLElement).dataset.productId).toBe('shoe'));
    expect(new Set(el.children)).toEqual(new Set(nodes));
    for (const n of el.children) expect(n.getAttribute('class')).toBe('merchant-card');
    expect(el.hasAttribute('ranked')).toBe(true);
  });

  it('ranks cards added later from their place in the merchant order, and obeys disabled', async () => {
    fx = startRuntime({ model: null });
    const el = mountRanked(['tent', 'stove']);
    await fx.runtime.ready;
    const more = document.createElement('article');
    more.dataset.productId = 'pegs';
    el.append(more);
    await until(() => expect(Array.from(el.children, (c) => (c as HTMLElement).dataset.productId)).toEqual(['tent', 'stove', 'pegs']));
    for (let i = 0; i < 4; i++) fx.affinity.track('view_item', { items: [{ item_id: 'pegs', item_category: 'Outdoor', item_category2: 'Tents' }] });
    await until(() => expect((el.children[2] as HTMLElement).dataset.productId).not.toBe('pegs'));
    el.toggleAttribute('disabled', true);
    await until(() => expect(Array.from(el.children, (c) => (c as HTMLElement).dataset.productId)).toEqual(['tent', 'stove', 'pegs']));
  });

  const ids = (el: Element) => Array.from(el.children, (c) => (c as HTMLElement).dataset.productId);

  it("takes the page's own re-sort as the new base order (a control shopper keeps seeing it)", async () => {
    fx = startRuntime({ model: null, arm: 'control' });
    const el = mountRanked(['tent', 'stove', 'shoe', 'sock']);
    await fx.runtime.ready;
    await until(() => expect(fx!.runtime.$experiments.get()).toBeDefined());
    // The page sorts by price, moving its own cards.
    const byPrice = ['sock', 'stove', 'shoe', 'tent'];
    el.append(...byPrice.map((id) => el.querySelector(`[data-product-id="${id}"]`)!));
    // Any later render (a property, the catalog, the profile) must not undo the page's sort.
    el.requestUpdate();
    await el.updateComplete;
    expect(ids(el)).toEqual(byPrice);
    expect(el.hasAttribute('ranked')).toBe(false);
  });

  it('re-ranks from the re-sorted base for a personalized shopper, and new cards still join where the page put them', async () => {
    fx = startRuntime({ model: null, arm: 'personalized' });
    const el = mountRanked(['tent', 'stove', 'shoe', 'sock']);
    await fx.runtime.ready;
    for (let i = 0; i < 4; i++) fx.affinity.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes', item_brand: 'Fast' }] });
    await until(() => expect(ids(el)[0]).toBe('shoe'));
    // A re-render by the page: fresh nodes in its new order replace the old ones.
    const card = (id: string) => {
      const c = document.createElement('article');
      c.dataset.productId = id;
      return c;
    };
    el.replaceChildren(...['tent', 'stove', 'sock', 'shoe', 'pegs'].map(card));
    await until(() => expect(ids(el)[0]).toBe('shoe'));
    expect(ids(el).slice().sort()).toEqual(['pegs', 'shoe', 'sock', 'stove', 'tent']);
  });
});

describe('<af-why>', () => {
  let fx: Fixture | undefined;
  afterEach(() => {
    document.body.replaceChildren();
    fx?.stop();
  });

  it('explains in plain words why a product is shown, behind a disclosure', async () => {
    fx = startRuntime({ model: null });
    const el = document.createElement('af-why');
    el.setAttribute('product-id', 'shoe');
    document.body.append(el);
    await fx.runtime.ready;
    for (let i = 0; i < 3; i++) fx.affinity.track('view_item', { items: [{ item_id: 'sock', item_category: 'Apparel', item_category2: 'Shoes' }] });
    await until(() => expect(shadow(el).querySelector('[part="reason"]')?.textContent).toMatch(/interest in Apparel/));
    expect(shadow(el).querySelector('summary')?.textContent).toBe('Why this?');
  });
});

describe('<af-recommendations> specifics', () => {
  let fx: Fixture | undefined;
  afterEach(() => {
    document.body.replaceChildren();
    fx?.stop();
  });

  it("fills the merchant's <template> with text and safe URLs only", async () => {
    fx = startRuntime();
    const el = document.createElement('af-recommendations');
    el.setAttribute('strategy', 'popular');
    el.setAttribute('limit', '6');
    el.innerHTML = '<template><a class="m" data-attr="href:url title:title onclick:title"><b data-field="title"></b> <i data-field="price"></i></a></template>';
    document.body.append(el);
    await until(() => expect(shadow(el).querySelectorAll('a.m')).toHaveLength(6));
    const links = Array.from(shadow(el).querySelectorAll<HTMLAnchorElement>('a.m'));
    const xss = links.find((a) => a.querySelector('b')!.textContent!.includes('onerror'))!;
    expect(xss.querySelector('img')).toBeNull();
    expect(xss.hasAttribute('href')).toBe(false); // javascript: URL refused
    expect(xss.hasAttribute('onclick')).toBe(false);
    const stove = links.find((a) => a.querySelector('b')!.textContent === 'Camp stove')!;
    expect(stove.getAttribute('href')).toMatch(/\/p\/stove$/);
    expect(stove.querySelector('i')!.textContent).toMatch(/60/);
  });

  it('reserves the space of `limit` cards while loading and collapses only when asked', async () => {
    fx = startRuntime({ model: null, products: [] });
    const el = document.createElement('af-recommendations');
    el.setAttribute('strategy', 'popular');
    el.setAttribute('limit', '4');
    document.body.append(el);
    await settle(el);
    expect(shadow(el).querySelectorAll('li')).toHaveLength(4);
    // Loaded and empty (the profile and catalog take a few tasks): still in place until asked.
    await until(() => expect(shadow(el).querySelector('section')?.getAttribute('aria-busy')).toBe('false'));
    expect(shadow(el).querySelector('section')).not.toBeNull();
    el.toggleAttribute('collapse-empty', true);
    await settle(el);
    expect(shadow(el).querySelector('section')).toBeNull();
  });
});

describe('<af-coupon> specifics', () => {
  let fx: Fixture | undefined;
  afterEach(() => {
    document.body.replaceChildren();
    fx?.stop();
    fx = undefined;
  });

  const welcome = { id: 'welcome10', kind: 'welcome', title: '10% off your first order', discount: { type: 'amount', value: 5 }, minOrder: 30, caps: { perVisitor: 1 }, priority: 1 };
  const serve = (url: string) => {
    if (url.includes('/v1/campaigns')) return { campaigns: [welcome], flashSales: [], serverTime: Date.now() };
    if (url.includes('/v1/coupons/claim')) return { status: 409, reason: 'per_visitor_cap' };
    return undefined;
  };

  it('shows amounts in the store currency, strings from its `strings` attribute, and the claim result inside the offer box', async () => {
    fx = startRuntime({ server: serve });
    const el = document.createElement('af-coupon');
    el.setAttribute('lang', 'de-DE');
    el.setAttribute('strings', JSON.stringify({ claim: 'Code holen', minOrder: 'Ab {amount}', amountOff: '{amount} Rabatt', per_visitor_cap: 'Schon eingelöst.' }));
    document.body.append(el);
    const offer = () => shadow(el).querySelector<HTMLElement>('li[data-af-index="0"]');
    await until(() => expect(offer()).not.toBeNull());
    // The fixture catalog is priced in EUR: amounts without a product of their own use it.
    expect(offer()!.querySelector('[part="discount"]')!.textContent).toMatch(/^5,00\s€ Rabatt$/);
    expect(offer()!.querySelector('[part="condition"]')!.textContent).toMatch(/^Ab 30,00\s€$/);
    const claim = offer()!.querySelector<HTMLButtonElement>('[part="claim"]')!;
    expect(claim.textContent).toBe('Code holen');
    claim.click();
    await until(() => expect(offer()!.querySelector('[role="status"]')!.textContent).toBe('Schon eingelöst.'));
    // The only status region is the offer's own (fixed height): nothing below it can move.
    expect(shadow(el).querySelectorAll('[role="status"]')).toHaveLength(1);
    expect(offer()!.contains(shadow(el).querySelector('[role="status"]'))).toBe(true);
  });

  it('keeps the English defaults when the strings attribute is not JSON', async () => {
    fx = startRuntime({ server: serve });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = document.createElement('af-coupon');
    el.setAttribute('strings', '{claim: oops');
    document.body.append(el);
    await until(() => expect(shadow(el).querySelector('[part="claim"]')?.textContent).toBe('Get my code'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('strings: expected a JSON object'));
    warn.mockRestore();
  });
});

describe('i18n and templates', () => {
  let fx: Fixture | undefined;
  afterEach(() => {
    document.body.replaceChildren();
    fx?.stop();
    fx = undefined;
  });

  it('<af-recently-viewed> fills the merchant <template>, prices in the store currency when the product has none', async () => {
    fx = startRuntime({ model: null, products: [...PRODUCTS, { id: 'mug', title: 'Enamel mug', price: 5, category: ['Outdoor', 'Cooking'] }] });
    const el = document.createElement('af-recently-viewed');
    el.setAttribute('lang', 'de-DE');
    el.innerHTML = '<template><b class="t" data-field="title"></b><i class="p" data-field="price"></i></template>';
    document.body.append(el);
    fx.affinity.track('view_item', { items: [{ item_id: 'mug', item_name: 'Enamel mug', price: 5 }] });
    await until(() => expect(shadow(el).querySelector('li[data-product-id="mug"] b.t')?.textContent).toBe('Enamel mug'));
    // The fixture catalog is priced in EUR; the mug does not say its currency.
    expect(shadow(el).querySelector('li[data-product-id="mug"] i.p')!.textContent).toMatch(/^5,00\s€$/);
  });

  it('<af-flash-sale> takes its strings from the `strings` property', async () => {
    const now = Date.now();
    fx = startRuntime({
      server: (url) =>
        url.includes('/v1/flash-sales/tent-drop')
          ? { sale: { id: 'tent-drop', title: 'Zelt', item: 'tent', price: 149, startsAt: now - 60_000, endsAt: now + 300_000, stock: 10, remaining: 3, perVisitor: 1, holdMinutes: 10, restricted: false }, reservations: [], serverTime: now }
          : undefined,
    });
    const el = document.createElement('af-flash-sale');
    el.setAttribute('sale-id', 'tent-drop');
    el.strings = { live: 'Endet in', left: 'Noch {remaining} von {stock}', claim: 'Zuschlagen' };
    document.body.append(el);
    await until(() => expect(shadow(el).querySelector('[part="stock"]')?.textContent?.trim()).toBe('Noch 3 von 10'));
    expect(shadow(el).querySelector('[part="claim"]')!.textContent).toBe('Zuschlagen');
    expect(shadow(el).textContent).toContain('Endet in');
  });

  it("<af-flash-sale> words a refused claim by the server's reason, and a reason it does not know generically", async () => {
    const now = Date.now();
    let reason = 'limit_reached';
    fx = startRuntime({
      server: (url) => {
        if (url.endsWith('/claim')) return { status: 409, reason, serverTime: Date.now() };
        if (url.includes('/v1/flash-sales/tent-drop')) return { sale: { id: 'tent-drop', title: 'Tent', item: 'tent', price: 149, startsAt: now - 60_000, endsAt: now + 300_000, stock: 10, remaining: 3, perVisitor: 1, holdMinutes: 10, restricted: false }, reservations: [], serverTime: now };
        return undefined;
      },
    });
    const el = document.createElement('af-flash-sale');
    el.setAttribute('sale-id', 'tent-drop');
    document.body.append(el);
    const status = () => shadow(el).querySelector('[part="status"]')?.textContent;
    const claim = () => shadow(el).querySelector<HTMLButtonElement>('[part="claim"]:not([disabled])')!.click();
    await until(() => expect(shadow(el).querySelector('[part="claim"]:not([disabled])')).not.toBeNull());
    claim();
    await until(() => expect(status()).toBe('You already claimed the most you can.'));
    reason = 'toString';
    await until(() => expect(shadow(el).querySelector('[part="claim"]:not([disabled])')).not.toBeNull());
    claim();
    await until(() => expect(status()).toBe('The deal could not be claimed.'));
  });

  it('<af-privacy-center> takes its strings from the JSON attribute', async () => {
    fx = startRuntime({ model: null });
    const el = document.createElement('af-privacy-center');
    el.setAttribute('strings', JSON.stringify({ reset: 'Profil zurücksetzen', nothing: 'Noch nichts.' }));
    document.body.append(el);
    await until(() => expect(shadow(el).querySelector('[part="reset"]')?.textContent).toBe('Profil zurücksetzen'));
    await until(() => expect(shadow(el).querySelector('p[part="facts"]')?.textContent).toBe('Noch nichts.'));
    expect(shadow(el).querySelector('[part="erase"]')!.textContent).toBe('Erase all my data'); // not overridden: English
  });
});

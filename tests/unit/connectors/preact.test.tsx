// The shared connector behaviour suites, run against the Preact hooks and components (happy-dom).
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useMemo, useState } from 'preact/hooks';
import { PRODUCTS, startRuntime, until } from './fixtures';
import { Coupon, FlashSale, Recommendations, useCoupons, useFlashSale, usePrivacy, useRankedList } from '@affinity/preact';
import { couponsBehaviour } from './coupons';
import { flashSaleBehaviour } from './flash-sale';
import { privacyBehaviour } from './privacy';
import { rankedListBehaviour } from './ranked-list';
import { recommendationsBehaviour } from './recommendations';

function mount(node: preact.ComponentChild) {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
  return {
    root,
    unmount() {
      render(null, root);
      root.remove();
    },
  };
}

recommendationsBehaviour('<Recommendations> / useRecommendations', (props) => {
  const { root, unmount } = mount(
    <Recommendations strategy={props.strategy} limit={props.limit} anchor={props.productId} listId={props.listId} placeholder={<p aria-busy="true">…</p>}>
      {(r) => (
        <a href={r.product.url}>
          <span class="title">{r.product.title}</span>
        </a>
      )}
    </Recommendations>,
  );
  const cards = () => Array.from(root.querySelectorAll<HTMLElement>('li[data-product-id]'));
  return {
    ids: () => cards().map((li) => li.dataset.productId!),
    titles: () => cards().map((li) => li.querySelector('.title')!.textContent!),
    loading: () => !!root.querySelector('[aria-busy="true"]'),
    click: (i) => cards()[i]!.querySelector('a')!.click(),
    unmount,
  };
});

function RankedGrid({ ids }: { ids: string[] }) {
  const products = useMemo(() => ids.map((id) => PRODUCTS.find((p) => p.id === id)!), [ids]);
  const order = useRankedList(products);
  return (
    <ul>
      {order.map((id) => (
        <li key={id} data-product-id={id}>
          {id}
        </li>
      ))}
    </ul>
  );
}

rankedListBehaviour('useRankedList', (ids) => {
  const { root, unmount } = mount(<RankedGrid ids={ids} />);
  return { order: () => Array.from(root.querySelectorAll<HTMLElement>('li'), (li) => li.dataset.productId!), unmount };
});

function PrivacyPanel() {
  const p = usePrivacy();
  if (!p) return null;
  return (
    <div>
      <button class="switch" aria-checked={p.consent === 'granted'} onClick={() => p.setConsent(p.consent === 'granted' ? 'denied' : 'granted')} />
      <dl class="facts">
        {p.facts.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>
              {f.value} {f.why}
            </dd>
          </>
        ))}
      </dl>
      <button class="reset" onClick={() => p.reset()} />
      <button class="erase" onClick={() => p.erase()} />
    </div>
  );
}

privacyBehaviour('usePrivacy / useConsent', () => {
  const { root, unmount } = mount(<PrivacyPanel />);
  const q = (s: string) => root.querySelector<HTMLElement>(s)!;
  return {
    text: () => q('.facts')?.textContent ?? '',
    on: () => q('.switch')?.getAttribute('aria-checked') === 'true',
    toggle: () => q('.switch').click(),
    reset: () => q('.reset').click(),
    erase: () => q('.erase').click(),
    unmount,
  };
});

function CouponPanel() {
  const { offers, claim, error } = useCoupons({ limit: 1 });
  const [message, setMessage] = useState('');
  return (
    <div>
      {offers.map((o) => (
        <section key={o.campaign.id}>
          <h3>{o.campaign.title}</h3>
          {o.claimed ? (
            <code>{o.claimed.code}</code>
          ) : (
            <button onClick={async () => setMessage((await claim(o.campaign.id))?.code ?? `Refused: ${error ?? 'try again'}`)}>Get my code</button>
          )}
        </section>
      ))}
      <p class="message">{message}</p>
    </div>
  );
}

couponsBehaviour('useCoupons', () => {
  const { root, unmount } = mount(<CouponPanel />);
  return {
    titles: () => Array.from(root.querySelectorAll('h3'), (h) => h.textContent!),
    code: () => root.querySelector('code')?.textContent ?? undefined,
    claim: () => root.querySelector('button')!.click(),
    message: () => root.querySelector('.message')!.textContent!,
    unmount,
  };
});

function FlashPanel({ id }: { id: string }) {
  const s = useFlashSale(id);
  const sec = Math.floor(s.countdownMs / 1000);
  const mmss = `${String(Math.floor(sec / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
  return (
    <div data-status={s.status}>
      <span class="timer">{mmss}</span>
      <span class="left">{s.remaining}</span>
      <button disabled={s.status !== 'live'} onClick={() => s.claim()}>
        Claim
      </button>
    </div>
  );
}

flashSaleBehaviour('useFlashSale', (_fx, saleId) => {
  const { root, unmount } = mount(<FlashPanel id={saleId} />);
  return {
    status: () => root.querySelector<HTMLElement>('[data-status]')?.dataset.status,
    countdown: () => root.querySelector('.timer')!.textContent!,
    remaining: () => Number(root.querySelector('.left')!.textContent),
    canClaim: () => !root.querySelector('button')!.disabled,
    claim: () => root.querySelector('button')!.click(),
    unmount,
  };
});

// The same suites against the render-prop components (their events are tracked by the component).
couponsBehaviour('<Coupon>', () => {
  const { root, unmount } = mount(
    <Coupon placeholder={<p aria-busy="true">…</p>}>
      {(o, { claim, claiming, error }) => (
        <div>
          <h3>{o.campaign.title}</h3>
          {o.claimed ? <code>{o.claimed.code}</code> : <button disabled={claiming} onClick={claim}>Get my code</button>}
          <p class="message">{o.claimed ? `Your code is ${o.claimed.code}` : error ? `Refused: ${error}` : ''}</p>
        </div>
      )}
    </Coupon>,
  );
  return {
    titles: () => Array.from(root.querySelectorAll('h3'), (h) => h.textContent!),
    code: () => root.querySelector('code')?.textContent ?? undefined,
    claim: () => root.querySelector('button')!.click(),
    message: () => root.querySelector('.message')?.textContent ?? '',
    unmount,
  };
});

flashSaleBehaviour('<FlashSale>', (_fx, saleId) => {
  const { root, unmount } = mount(
    <FlashSale saleId={saleId} placeholder={<p aria-busy="true">…</p>}>
      {(s) => {
        const sec = Math.floor(s.countdownMs / 1000);
        return (
          <div data-status={s.status}>
            <span class="timer">{`${String(Math.floor(sec / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`}</span>
            <span class="left">{s.remaining}</span>
            <button disabled={s.status !== 'live'} onClick={() => s.claim()}>
              Claim
            </button>
          </div>
        );
      }}
    </FlashSale>,
  );
  return {
    status: () => root.querySelector<HTMLElement>('[data-status]')?.dataset.status,
    countdown: () => root.querySelector('.timer')?.textContent ?? '',
    remaining: () => Number(root.querySelector('.left')?.textContent),
    canClaim: () => !!root.querySelector('button') && !root.querySelector('button')!.disabled,
    claim: () => root.querySelector('button')!.click(),
    unmount,
  };
});

describe('<Coupon> events', () => {
  it('tracks a claim as select_promotion, stamped with the holdout arm', async () => {
    const fx = startRuntime({
      arm: 'personalized',
      server: (url) =>
        url.includes('/v1/campaigns')
          ? { campaigns: [{ id: 'welcome10', kind: 'welcome', title: 'Welcome', discount: { type: 'percent', value: 10 }, caps: { perVisitor: 1 }, priority: 1 }], flashSales: [], serverTime: Date.now() }
          : url.includes('/claim')
            ? { status: 409, reason: 'per_visitor_cap' }
            : undefined,
    });
    const sent: Array<{ type: string; data: Record<string, unknown> }> = [];
    fx.affinity.subscribe((e) => sent.push({ type: e.type, data: e.data }));
    const { root, unmount } = mount(<Coupon>{(o, { claim }) => <button onClick={claim}>{o.campaign.title}</button>}</Coupon>);
    await until(() => expect(root.querySelector('button')).not.toBeNull());
    root.querySelector('button')!.click();
    await until(() => expect(sent.find((e) => e.type === 'select_promotion')?.data).toMatchObject({ promotion_id: 'welcome10', creative_slot: 'af-coupon', experiment_id: 'holdout', variant: 'personalized' }));
    unmount();
    fx.stop();
  });
});

import { useCoupons } from '@affinity/preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * The shopper's best coupon offer on the basket page, through the `useCoupons` hook: one press
 * asks the server for a code and applies it to the basket (`onApply`). A held code is offered
 * as "Apply". The box keeps its size while loading (no layout shift).
 *
 * @example <CartOffer onApply={(code) => setCoupon(code)} />
 */
export function CartOffer({ onApply }: { onApply: (code: string) => void }) {
  const { loading, offers, claim, seen } = useCoupons({ limit: 1 });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const offer = offers[0];
  const id = offer?.campaign.id;
  useEffect(() => {
    if (id) seen(id);
  }, [id]);
  if (loading || !offer) return <div class="cart-offer cart-offer--empty" aria-hidden="true" />;
  const code = offer.claimed?.code;
  const apply = async () => {
    if (code) return onApply(code);
    setBusy(true);
    const got = await claim(offer.campaign.id);
    setBusy(false);
    setFailed(!got);
    if (got) onApply(got.code);
  };
  return (
    <div class="cart-offer" data-campaign={offer.campaign.id}>
      <p class="cart-offer__title">{offer.campaign.title}</p>
      <button type="button" class="button button--small" disabled={busy} onClick={apply}>
        {code ? 'Apply my code' : 'Get code and apply'}
      </button>
      {failed ? <p class="muted" role="status">This offer could not be claimed right now.</p> : null}
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import type { ClaimedCoupon, CouponOffer } from '@affinity/core';
import { useMemo, useRef, useState } from 'preact/hooks';
import { useCoupons } from './hooks';
import { useRuntime } from './use-runtime';
import { useSeen } from './use-seen';

/** What the render prop of {@link Coupon} gets besides the offer. */
export interface CouponActions {
  /** Asks the server for the shopper's code (tracked as `select_promotion`). */
  claim(): Promise<ClaimedCoupon | undefined>;
  /** True while this offer's claim is under way. */
  claiming: boolean;
  /** The server's reason when the last claim of this offer was refused (`per_visitor_cap`, `network`…). */
  error?: string;
}

/** Props of {@link Coupon}. */
export interface CouponProps {
  /** Offers shown at most. Default 1. */
  limit?: number;
  /** Renders one offer: its campaign, the shopper's code once claimed, and the claim action. */
  children: (offer: CouponOffer, actions: CouponActions) => ComponentChildren;
  /** Rendered while loading; reserve the final size here to avoid layout shift. */
  placeholder?: ComponentChildren;
  /** Rendered when there is no offer. Default nothing. */
  empty?: ComponentChildren;
  class?: string;
}

/**
 * The coupon offers this shopper should see (a control arm of a holdout sees no targeted ones),
 * with render-prop cards. Impressions (`view_promotion`, once per offer, counted toward its
 * display cap) and claims (`select_promotion`) are tracked for you.
 *
 * @example
 * <Coupon limit={1} placeholder={<div class="offer skeleton" />}>
 *   {(o, { claim, claiming, error }) => o.claimed ? <code>{o.claimed.code}</code> : <button disabled={claiming} onClick={claim}>{o.campaign.title}</button>}
 * </Coupon>
 */
export function Coupon(props: CouponProps) {
  const limit = props.limit ?? 1;
  const state = useCoupons({ limit });
  const rt = useRuntime();
  const promos = useMemo(() => rt?.promotionEvents('coupons'), [rt]);
  const [claiming, setClaiming] = useState<string>();
  const [failed, setFailed] = useState<string>();
  const list = useRef<HTMLUListElement>(null);
  const offers = state.offers.slice(0, limit);
  const ref = (o: CouponOffer) => ({ id: o.campaign.id, name: o.campaign.title, slot: 'af-coupon' });
  useSeen(
    list,
    (i) => {
      const o = offers[i];
      if (!o) return;
      promos?.seen(ref(o));
      state.seen(o.campaign.id);
    },
    [offers.map((o) => o.campaign.id).join(), promos],
  );

  if (state.loading) return <>{props.placeholder}</>;
  if (!offers.length) return <>{props.empty}</>;
  return (
    <ul class={props.class} ref={list} role="list">
      {offers.map((o, i) => {
        const id = o.campaign.id;
        const claim = async () => {
          setClaiming(id);
          setFailed(undefined);
          promos?.select(ref(o));
          const coupon = await state.claim(id);
          setClaiming(undefined);
          if (!coupon) setFailed(id);
          return coupon;
        };
        return (
          <li key={id} data-af-index={i}>
            {props.children(o, { claim, claiming: claiming === id, error: failed === id ? (state.error ?? 'network') : undefined })}
          </li>
        );
      })}
    </ul>
  );
}

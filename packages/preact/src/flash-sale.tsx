import type { ComponentChildren } from 'preact';
import type { FlashSaleState } from '@affinity/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useFlashSale } from './hooks';
import { useRuntime } from './use-runtime';
import { useSeen } from './use-seen';

/** Props of {@link FlashSale}: the sale by id, or the product whose sale to look up. */
export interface FlashSaleProps {
  saleId?: string;
  productId?: string;
  /** Renders the sale: status, skew-corrected `countdownMs`, `remaining`, and `claim()` (tracked as `select_promotion`). */
  children: (sale: FlashSaleState & { claim(): Promise<boolean> }) => ComponentChildren;
  /** Rendered while loading; reserve the final size here to avoid layout shift. */
  placeholder?: ComponentChildren;
  /** Rendered when there is no sale (none for this product, or no server). Default nothing. */
  empty?: ComponentChildren;
  class?: string;
}

/**
 * A flash sale with a render-prop body. Its impression (`view_promotion`, once, when half
 * visible) and claims (`select_promotion`) are tracked for you.
 *
 * @example
 * <FlashSale productId="sku-1" placeholder={<div class="sale skeleton" />}>
 *   {(s) => <button disabled={s.status !== 'live'} onClick={s.claim}>{s.sale?.title} · {s.remaining} left</button>}
 * </FlashSale>
 */
export function FlashSale(props: FlashSaleProps) {
  const rt = useRuntime();
  const [found, setFound] = useState<string | undefined | ''>(props.saleId);
  useEffect(() => {
    if (props.saleId) return setFound(props.saleId);
    if (!rt || !props.productId) return;
    let live = true;
    void rt.flashSaleFor(props.productId).then((id) => live && setFound(id ?? ''));
    return () => void (live = false);
  }, [rt, props.saleId, props.productId]);
  const sale = useFlashSale(found || undefined);
  const promos = useMemo(() => rt?.promotionEvents(), [rt]);
  const box = useRef<HTMLDivElement>(null);
  const ref = () => ({ id: sale.sale?.id ?? found ?? '', name: sale.sale?.title, slot: 'af-flash-sale', products: sale.sale ? [rt?.catalog.get(sale.sale.item) ?? { id: sale.sale.item }] : undefined });
  useSeen(box, () => sale.sale && promos?.seen(ref()), [sale.sale?.id, promos]);

  if (found === '' || sale.status === 'unavailable') return <>{props.empty}</>;
  if (!sale.sale) return <>{props.placeholder}</>;
  const claim = () => {
    promos?.select(ref());
    return sale.claim();
  };
  return (
    <div class={props.class} ref={box}>
      <div data-af-index={0}>{props.children({ ...sale, claim })}</div>
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import type { Recommendation, RuntimeRecommendationsOptions } from '@affinity/core';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useRecommendations } from './hooks';
import { useRuntime } from './use-runtime';

/** Props of {@link Recommendations}. */
export interface RecommendationsProps extends RuntimeRecommendationsOptions {
  /** `item_list_id` of impressions and clicks. Default `af-<strategy>`. */
  listId?: string;
  /** Renders one item; its clicks are tracked as `select_item` with list id and position. */
  children: (item: Recommendation, index: number) => ComponentChildren;
  /** Rendered while loading; reserve the final size here to avoid layout shift. */
  placeholder?: ComponentChildren;
  /** Rendered when there is nothing to show. Default nothing. */
  empty?: ComponentChildren;
  class?: string;
}

/**
 * A recommendations list with render-prop cards. Impressions (`view_item_list`, once per item,
 * when half visible) and clicks (`select_item`) are tracked for you.
 *
 * @example
 * <Recommendations strategy="for-you" limit={4} placeholder={<Skeleton count={4} />}>
 *   {(r) => <ProductCard product={r.product} note={r.reason} />}
 * </Recommendations>
 */
export function Recommendations(props: RecommendationsProps) {
  const { strategy, limit, anchor, category } = props;
  const { items, loading } = useRecommendations({ strategy, limit, anchor, category });
  const rt = useRuntime();
  const listId = props.listId || `af-${strategy ?? 'for-you'}`;
  const events = useMemo(() => rt?.listEvents({ listId, strategy }), [rt, listId, strategy]);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const ul = list.current;
    if (!ul || !events || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver(
      (entries) => {
        const seen = entries.filter((e) => e.isIntersecting).map((e) => Number((e.target as HTMLElement).dataset.afIndex));
        for (const e of entries) if (e.isIntersecting) io.unobserve(e.target);
        events.seen(seen.flatMap((index) => (items[index] ? [{ product: items[index]!.product, index }] : [])));
      },
      { threshold: 0.5 },
    );
    for (const li of ul.children) io.observe(li);
    return () => io.disconnect();
  }, [items, events]);

  if (loading) return <>{props.placeholder}</>;
  if (!items.length) return <>{props.empty}</>;
  return (
    <ul class={props.class} ref={list} role="list">
      {items.map((item, index) => (
        <li key={item.product.id} data-af-index={index} data-product-id={item.product.id} onClick={() => events?.select(item.product, index)}>
          {props.children(item, index)}
        </li>
      ))}
    </ul>
  );
}

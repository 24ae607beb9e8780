import { formatPrice } from '../app/format';
import { breadcrumbNode } from '../app/jsonld';
import { readOrders } from '../app/orders';
import { usePageMeta } from '../app/page-meta';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Slot } from '../components/slot';
import '../widgets/jsx-elements';

/** Order confirmation for an order placed in this browser. */
export function OrderPage({ id }: { id: string }) {
  const order = readOrders().find((o) => o.id === id);
  const crumbs: [string, string][] = [['Home', '/'], ['Order', `/order/${encodeURIComponent(id)}`]];
  usePageMeta('Order confirmed', () => [breadcrumbNode(crumbs)], `order|${id}`);
  return (
    <div class="page page--order">
      <Breadcrumbs crumbs={crumbs} />
      {order ? (
        <>
          <h1>Thank you — your order is confirmed</h1>
          <p>
            Order number <strong class="order-id">{order.id}</strong>
          </p>
          <ul class="summary__lines">
            {order.lines.map((l) => (
              <li key={l.id}>
                <span>
                  {l.quantity} × <a href={`/product/${encodeURIComponent(l.id)}`}>{l.title}</a>
                </span>
                <span>{formatPrice(l.price * l.quantity)}</span>
              </li>
            ))}
          </ul>
          <p>
            Total paid <strong class="order-total">{formatPrice(order.total)}</strong>
            {order.coupon ? <span class="order-coupon">{` (coupon ${order.coupon}: −${formatPrice(order.discount ?? 0)})`}</span> : ''}
          </p>
          {order.couponProblem ? <p class="order-coupon-problem" role="status">{order.couponProblem}</p> : null}
          {order.points ? (
            <p class="order-points">
              You earned <strong>{order.points.earned}</strong> points; your balance is {order.points.balance}.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <h1>Order not found</h1>
          <p class="muted">Orders can only be looked up in the browser they were placed in.</p>
        </>
      )}
      <a class="button" href="/">Continue shopping</a>
      <Slot name="for-you">
        <af-recommendations currency="GBP" strategy="for-you" limit={4} list-id="order-for-you" heading="You might like next" />
      </Slot>
    </div>
  );
}

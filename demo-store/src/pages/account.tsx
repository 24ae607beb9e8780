import { useConsent } from '../app/consent';
import { signIn, signOut, useCustomer } from '../app/customer';
import { formatPrice } from '../app/format';
import { breadcrumbNode } from '../app/jsonld';
import { readOrders } from '../app/orders';
import { usePageMeta } from '../app/page-meta';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Slot } from '../components/slot';
import '../widgets/jsx-elements';

const CRUMBS: [string, string][] = [['Home', '/'], ['Account', '/account']];

/**
 * Account: sign in (any e-mail; it calls Affinity's `identify` with an id derived from it, so
 * signing in with the same address in two browsers merges the two profiles), orders, and the
 * privacy center slot.
 */
export function AccountPage() {
  const customer = useCustomer();
  const [consent, choose] = useConsent();
  const orders = readOrders();
  usePageMeta('Your account', () => [breadcrumbNode(CRUMBS)], 'account');
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    signIn(String(data.get('email') ?? ''), String(data.get('name') ?? ''));
  };
  return (
    <div class="page page--account">
      <Breadcrumbs crumbs={CRUMBS} />
      <h1>Your account</h1>
      <div class="account">
        {customer ? (
          <section class="card">
            <h2>Hello, {customer.name}</h2>
            <p class="muted">
              Signed in as customer <code>{customer.id}</code>. Sign in with the same e-mail in another browser to carry your preferences over.
            </p>
            <button type="button" class="button button--ghost" onClick={signOut}>
              Sign out
            </button>
          </section>
        ) : (
          <form class="card sign-in" onSubmit={submit} noValidate>
            <h2>Sign in</h2>
            <p class="muted">Demo sign-in: any e-mail address works, no password needed.</p>
            <label>
              E-mail
              <input name="email" type="email" required autoComplete="email" />
            </label>
            <label>
              <span>
                First name <span class="muted">(optional)</span>
              </span>
              <input name="name" autoComplete="given-name" />
            </label>
            <button type="submit" class="button">
              Sign in
            </button>
          </form>
        )}
        <section class="card">
          <h2>Play with your points</h2>
          {/* Drawing needs the store backend's identify signature of the customer; the demo has no
              backend, so it shows the odds and stock and asks to sign in (see the lottery README). */}
          <af-lottery campaign="wheel" customer={customer?.id} />
        </section>
        <section class="card">
          <h2>Your orders</h2>
          {orders.length ? (
            <ul class="summary__lines">
              {orders.map((o) => (
                <li key={o.id}>
                  <a href={`/order/${encodeURIComponent(o.id)}`}>{o.id}</a>
                  <span>
                    {new Date(o.placedAt).toLocaleDateString('en-GB')} · {formatPrice(o.total)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">No orders in this browser yet.</p>
          )}
        </section>
      </div>
      <h2>Privacy</h2>
      <section class="card consent-card">
        <p>
          Personalisation is <strong>{consent === 'granted' ? 'on' : consent === 'denied' ? 'off' : 'not chosen yet'}</strong>.
          {consent === 'granted' ? ' Your interests are worked out on this device; shop events go to our server.' : ' Nothing about your browsing is stored or sent.'}
        </p>
        <div class="consent-banner__actions">
          <button type="button" class="button button--ghost" disabled={consent === 'denied'} onClick={() => choose('denied')}>
            Turn off
          </button>
          <button type="button" class="button" disabled={consent === 'granted'} onClick={() => choose('granted')}>
            Turn on
          </button>
        </div>
      </section>
      <Slot name="privacy-center">
        <af-privacy-center heading="Your shopping profile" />
      </Slot>
    </div>
  );
}

import { useConsent } from '../app/consent';

/**
 * The store's consent banner (its "CMP"): until the shopper answers, Affinity keeps what it
 * captured in memory only; the answer is passed on with `affinity.push(['consent', …])`.
 */
export function ConsentBanner() {
  const [choice, choose] = useConsent();
  if (choice) return null;
  return (
    <aside class="consent-banner" role="dialog" aria-label="Personalisation and privacy">
      <p>
        We personalise this shop <strong>on your device</strong> from what you browse and buy, and share those events with our shop server to improve
        recommendations. No personal details are needed. You can change your mind in <a href="/account">your account</a>.
      </p>
      <div class="consent-banner__actions">
        <button type="button" class="button button--ghost" onClick={() => choose('denied')}>
          No thanks
        </button>
        <button type="button" class="button" onClick={() => choose('granted')}>
          Allow personalisation
        </button>
      </div>
    </aside>
  );
}

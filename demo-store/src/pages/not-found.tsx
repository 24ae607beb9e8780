import { breadcrumbNode } from '../app/jsonld';
import { usePageMeta } from '../app/page-meta';

/** 404 page (the server answers every store path with the app, so the app says "not found"). */
export function NotFoundPage({ what = 'page' }: { what?: string }) {
  usePageMeta('Not found', () => [breadcrumbNode([['Home', '/']])], `404|${what}|${location.pathname}`);
  return (
    <div class="page page--not-found">
      <h1>We couldn’t find that {what}</h1>
      <p class="muted">It may have sold out for good, or the link is mistyped.</p>
      <a class="button" href="/">Back to the shop</a>
    </div>
  );
}

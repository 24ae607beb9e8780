/** A visible breadcrumb trail; `crumbs` are `[name, path]` pairs, the last one is the current page. */
export function Breadcrumbs({ crumbs }: { crumbs: readonly (readonly [string, string])[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {crumbs.map(([name, path], i) => (
          <li key={path}>{i === crumbs.length - 1 ? <span aria-current="page">{name}</span> : <a href={path}>{name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

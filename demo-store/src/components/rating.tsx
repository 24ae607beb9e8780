/** Star rating with its count, readable by screen readers. */
export function Rating({ value, count }: { value?: number; count?: number }) {
  if (value === undefined) return null;
  const pct = `${Math.max(0, Math.min(5, value)) * 20}%`;
  return (
    <span class="rating" title={`${value.toFixed(1)} out of 5`}>
      <span class="rating__stars" aria-hidden="true">
        <span class="rating__fill" style={{ width: pct }} />
      </span>
      <span class="visually-hidden">{`Rated ${value.toFixed(1)} out of 5`}</span>
      {count ? <span class="rating__count">({count})</span> : null}
    </span>
  );
}

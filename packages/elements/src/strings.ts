/**
 * User-visible strings of the elements, overridable for other languages: every element with
 * text has a `strings` property (or a JSON `strings` attribute) whose keys replace its English
 * defaults one by one. `{name}` placeholders are filled in; the result is always rendered as text.
 *
 * ```html
 * <af-coupon strings='{"claim":"Code holen","copy":"Code kopieren"}'></af-coupon>
 * ```
 */
export type Strings = Readonly<Record<string, string>>;

/**
 * The Lit declaration of a `strings` property: a partial table from JavaScript, or JSON in the
 * attribute. Malformed JSON is ignored with a console warning (the English defaults stay).
 */
export const stringsProperty = {
  attribute: 'strings',
  converter: {
    fromAttribute(value: string | null): Strings | undefined {
      if (!value) return undefined;
      try {
        const parsed = JSON.parse(value) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Strings;
      } catch {
        // reported below
      }
      console.warn(`[affinity] strings: expected a JSON object such as {"claim":"…"}, got ${value.slice(0, 60)}; using the defaults`);
      return undefined;
    },
  },
};

/**
 * The string `key` from `overrides` (when it is a string) else `defaults`, with `{name}`
 * placeholders filled from `vars`.
 *
 * @example text({ until: 'Until {date}' }, { until: 'Bis {date}' }, 'until', { date: '31.1.' }) // "Bis 31.1."
 */
export function text(defaults: Strings, overrides: Strings | undefined, key: string, vars?: Record<string, string | number>): string {
  const own = overrides?.[key];
  const template = typeof own === 'string' ? own : (defaults[key] ?? '');
  return vars ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
}

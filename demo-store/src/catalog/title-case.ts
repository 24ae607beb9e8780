const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
const UPPER = new Set(['led', 'tv', 'uk', 'usa', 'diy', 'a4', 'a5', 'a6', 'a7', 'xl', 'ii', 'i']);

/**
 * Title-cases an upper-case warehouse description for display: small words stay lower case
 * (except first), acronyms stay upper case, parts after `-`, `/` or `+` are capitalised, and
 * letters after an apostrophe or a digit are not (`50'S` → `50's`, `45X45CM` → `45x45cm`).
 *
 * @example titleCase("WHITE HANGING HEART T-LIGHT HOLDER") // 'White Hanging Heart T-Light Holder'
 * @example titleCase("SET OF 3 CAKE TINS 50'S") // "Set of 3 Cake Tins 50's"
 */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(' ')
    .map((word, i) => {
      if (UPPER.has(word)) return word.toUpperCase();
      if (i > 0 && SMALL.has(word)) return word;
      return word.replace(/(^|[-/+(&.,])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

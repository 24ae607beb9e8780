/**
 * Splits one CSV record into fields (RFC 4180: quoted fields may hold commas and doubled quotes).
 * Returns `undefined` when a quoted field is still open at the end of the text, so the caller can
 * append the next physical line (a field with an embedded newline) and try again.
 *
 * @example parseCsvLine('"536365","85123A","HEART, WHITE",6') // → ['536365', '85123A', 'HEART, WHITE', '6']
 */
export function parseCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return undefined;
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? n : c;
      fields.push(line.slice(i, end));
      i = end;
    }
    // Anything between a closing quote and the next comma is malformed; it is skipped.
    const c = line.indexOf(',', i);
    if (c < 0) return fields;
    i = c + 1;
  }
}

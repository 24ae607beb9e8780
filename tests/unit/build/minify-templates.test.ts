// The drop-in's Lit templates are shrunk at build time; what they render must not change.
import { describe, expect, it } from 'vitest';
import { rollup } from 'rollup';
import { minifyCss, minifyHtml, minifyTemplates } from '../../../scripts/minify-templates.mjs';

describe('minifyCss', () => {
  it('drops layout whitespace but keeps the spaces that change meaning', () => {
    const css = `
      :host ::part(card) a:hover,
      .grid > li {
        width: calc(100% - 2 * var(--_gap));
        font: 0.9em / 1.2 system-ui, sans-serif;
      }
    `;
    expect(minifyCss(css)).toBe(' :host ::part(card) a:hover,.grid > li{width:calc(100% - 2 * var(--_gap));font:0.9em / 1.2 system-ui,sans-serif;}');
  });

  it('drops comments, which never change what is drawn', () => {
    expect(minifyCss('\n  .a {\n    /* A fixed height: nothing moves. */\n    height: 12em;\n  }\n  /* two\n     lines */\n  .b { margin: 0; }\n')).toBe(' .a{height:12em;}.b{margin:0;}');
  });
});

describe('minifyHtml', () => {
  it('turns indentation into one space and leaves spaces between words alone', () => {
    expect(minifyHtml('<ul>\n        <li part="card">Only  2 left</li>\n      </ul>')).toBe('<ul> <li part="card">Only  2 left</li> </ul>');
  });
});

describe('minifyTemplates (rollup plugin)', () => {
  it('rewrites css`` and html`` text only: expressions, other templates and strings are untouched', async () => {
    const source = [
      "const css = (s, ...v) => s.raw.join('|'); const html = css; const other = css;",
      "export const a = css`\n  .x {\n    color: ${'red'};\n  }\n`;",
      "export const b = html`<p>\n    ${`keep\n    this`}\n  </p>`;",
      "export const c = other`\n  keep {  }\n`;",
      "export const d = 'css`  not a template  `';",
    ].join('\n');
    const bundle = await rollup({
      input: 'entry.js',
      plugins: [{ name: 'entry', resolveId: (id) => id, load: () => source }, minifyTemplates({ include: /entry/ })],
    });
    const { output } = await bundle.generate({ format: 'es' });
    const code = output[0].code;
    expect(code).toContain("css` .x{color:${'red'};}`");
    expect(code).toContain('html`<p> ${`keep\n    this`} </p>`');
    expect(code).toContain('other`\n  keep {  }\n`');
    expect(code).toContain("'css`  not a template  `'");
  });
});

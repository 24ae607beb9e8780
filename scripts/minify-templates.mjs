// Rollup plugin: shrinks the whitespace inside Lit `css` and `html` tagged templates, which no JS
// minifier touches (template text is data). Runs after TypeScript is compiled, on the parsed AST,
// so strings, comments and `${…}` expressions are never mistaken for template text.
import MagicString from 'magic-string';

/**
 * CSS text: comments go (they are notes for whoever reads the source, and would ship to every
 * shopper), runs of whitespace become one space, and none is kept next to `{ } ; ,` or after `:`
 * (a space *before* `:` is a descendant combinator, as in `:host ::part(x)`, so it stays).
 * @example minifyCss('\n  a {\n    color: red;\n  }\n') // ' a{color:red;} '
 */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':');
}

/**
 * HTML text: a run of whitespace holding a line break becomes one space, which renders the same
 * outside `<pre>`/`<textarea>` (none in these templates); single spaces are left alone.
 * @example minifyHtml('<ul>\n      <li>') // '<ul> <li>'
 */
export function minifyHtml(text) {
  return text.replace(/[ \t]*\n\s*/g, ' ');
}

const MINIFIERS = { css: minifyCss, html: minifyHtml };

/** Visits every node of an ESTree AST. */
function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key in node) {
    const v = node[key];
    if (Array.isArray(v)) v.forEach((c) => walk(c, visit));
    else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, visit);
  }
}

/**
 * @param {{ include: RegExp }} options files whose templates are minified
 * @example plugins: [ts(), minifyTemplates({ include: /packages\/elements\/src\// })]
 */
export function minifyTemplates({ include }) {
  return {
    name: 'affinity-minify-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html)`/.test(code)) return null;
      const out = new MagicString(code);
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const minify = MINIFIERS[node.tag.name];
        if (!minify) return;
        for (const q of node.quasi.quasis) {
          const raw = code.slice(q.start, q.end);
          const min = minify(raw);
          if (min !== raw) out.overwrite(q.start, q.end, min);
        }
      });
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}

/**
 * The dashboard shell: static HTML, CSS and a small script. It holds no data and no key; the
 * script asks for the admin key, keeps it in memory only, and fetches every chart as an SVG
 * image with `Authorization: Bearer`. Charts are drawn on the server (see `charts.ts`), so the
 * page needs no chart library, no bundle and no HTML built from data: SVGs are shown through
 * `blob:` image URLs, where they cannot run scripts, and numbers go in through `textContent`.
 */

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Affinity — admin dashboard</title>
<link rel="stylesheet" href="/admin/app.css">
<script type="module" src="/admin/app.js"></script>
</head>
<body>
<header>
  <h1>Affinity admin</h1>
  <form id="login">
    <label>Site <input name="site" required autocomplete="off" value="demo"></label>
    <label>Admin key <input name="key" type="password" required autocomplete="off"></label>
    <label>Days <input name="days" type="number" min="1" max="366" value="30"></label>
    <button>Load</button>
  </form>
</header>
<p id="status" role="status">Enter the site and the admin key (it stays in this tab's memory).</p>
<main hidden>
  <p id="summary"></p>
  <section><img id="chart-events" alt="Events per day by type"></section>
  <section><img id="insight-funnel" alt="Funnel: browse, cart, coupon claim, purchase, redemption, points"></section>
  <section><img id="chart-top-items" alt="Top items by views"></section>
  <section><img id="insight-trending" alt="Trending items"></section>
  <section><img id="insight-rfm" alt="RFM segments of synced profiles"></section>
  <section><img id="chart-clusters" alt="Shopper clusters: description and size of each"></section>
  <section>
    <h2>Experiments</h2>
    <label>Experiment <select id="experiment"></select></label>
    <img id="chart-uplift" alt="Uplift against control with confidence intervals">
    <ul id="warnings"></ul>
    <table id="arms"><thead><tr><th>Arm</th><th>Visitors</th><th>Impressions</th><th>CTR</th><th>Add to cart</th><th>Conversion</th><th>Revenue / visitor</th><th>AOV</th><th>Repeat</th><th>Coverage</th><th>Diversity</th></tr></thead><tbody></tbody></table>
  </section>
</main>
</body>
</html>
`;

export const DASHBOARD_CSS = `body{font:14px system-ui,sans-serif;margin:0;color:#222;background:#f6f7f9}
header{display:flex;flex-wrap:wrap;gap:16px;align-items:center;padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0}h2{font-size:15px;margin:0 0 8px}
form{display:flex;gap:10px;flex-wrap:wrap;align-items:center}input{padding:4px 6px}input[type=number]{width:5em}
#status{padding:0 20px}#summary{grid-column:1/-1;margin:0;color:#555}#status.error{color:#b00020}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(740px,1fr));gap:16px;padding:0 20px 20px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px;overflow-x:auto}
img{max-width:100%;display:block}
table{border-collapse:collapse;margin-top:8px}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}
#warnings{color:#8a5300}
`;

export const DASHBOARD_JS = `const $ = (id) => document.getElementById(id);
let auth;
const urls = new Map();

async function get(path, blob) {
  const res = await fetch(path, { headers: { authorization: 'Bearer ' + auth.key }, cache: 'no-store' });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body.error || res.status + ' ' + res.statusText);
  }
  return blob ? res.blob() : res.json();
}

const query = (extra) => new URLSearchParams({ site: auth.site, days: auth.days, ...extra }).toString();

async function chart(name, extra, kind = 'chart') {
  const img = $(kind + '-' + name);
  const path = kind === 'chart' ? '/v1/admin/charts/' : '/v1/admin/insights/';
  const url = URL.createObjectURL(await get(path + name + '?' + query(extra), true));
  if (urls.has(img)) URL.revokeObjectURL(urls.get(img));
  urls.set(img, url);
  img.src = url;
}

const fmt = (v, kind) => v === null || v === undefined ? '–' : kind === 'pct' ? (v * 100).toFixed(2) + '%' : kind === 'money' ? v.toFixed(2) : String(v);

async function experiment(id) {
  $('warnings').replaceChildren();
  $('arms').tBodies[0].replaceChildren();
  if (!id) return;
  await chart('uplift', { experiment: id });
  const report = await get('/v1/admin/experiments/' + encodeURIComponent(id) + '?' + query({}));
  for (const w of report.warnings) {
    const li = document.createElement('li');
    li.textContent = w;
    $('warnings').append(li);
  }
  for (const v of report.variants) {
    const tr = document.createElement('tr');
    const cells = [v.variant + (v.control ? ' (control)' : ''), v.visitors, v.impressions, fmt(v.ctr, 'pct'), fmt(v.addToCartRate, 'pct'), fmt(v.conversionRate, 'pct'), fmt(v.revenuePerVisitor, 'money'), fmt(v.averageOrderValue, 'money'), fmt(v.repeatPurchaseRate, 'pct'), fmt(v.coverage, 'pct'), fmt(v.diversity, 'pct')];
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = String(c);
      tr.append(td);
    }
    $('arms').tBodies[0].append(tr);
  }
}

async function summary() {
  // GET /v1/admin/stats belongs to the server; the dashboard still works if it is missing.
  const stats = await get('/v1/admin/stats?site=' + encodeURIComponent(auth.site)).catch(() => null);
  if (!stats) return;
  const parts = [stats.events + ' events', stats.visitors + ' visitors', stats.customers + ' customers', stats.products + ' products', stats.profiles + ' synced profiles'];
  if (stats.lastEventAt) parts.push('last event ' + new Date(stats.lastEventAt).toLocaleString());
  if (stats.model && stats.model.builtAt) parts.push('model built ' + new Date(stats.model.builtAt).toLocaleString());
  $('summary').textContent = parts.join(' · ');
}

async function load() {
  const status = $('status');
  status.className = '';
  status.textContent = 'Loading…';
  try {
    await Promise.all([summary(), ...['events', 'top-items', 'clusters'].map((name) => chart(name)), ...['funnel', 'trending', 'rfm'].map((name) => chart(name, {}, 'insight'))]);
    const list = await get('/v1/admin/experiments?' + query({}));
    const ids = [...new Set([...list.experiments.map((e) => e.definition.id), ...list.seen])];
    const select = $('experiment');
    select.replaceChildren(...ids.map((id) => new Option(id, id)));
    document.querySelector('main').hidden = false;
    await experiment(ids[0]);
    status.textContent = 'Updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    status.className = 'error';
    status.textContent = error.message;
  }
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  auth = { site: String(form.get('site')), key: String(form.get('key')), days: String(form.get('days') || 30) };
  load();
});
$('experiment').addEventListener('change', (event) => {
  experiment(event.target.value).catch((error) => {
    $('status').className = 'error';
    $('status').textContent = error.message;
  });
});
`;

// Recommendation cost per call, each against a baseline measured in the same process.
// Run: npx tsx bench/recommend.bench.ts
// - next.predict: core `predictNext` on the YooChoose-100k training index, for test-session
//   prefixes, against the harness's straightforward Map-based V-SKNN on the same prefixes.
// - next.load: building the index from its JSON payload in the browser, against JSON.parse of it.
// - strategies: recommend(strategy) over a 5,000-product catalog and a server-shaped model,
//   against recommend('popular') (the cheapest strategy through the same pipeline).
import { buildProfile } from '../packages/core/src/profile/build-profile';
import { buildSessionIndex, fromSessionIndexPayload, predictNext, toSessionIndexPayload } from '../packages/core/src/recommend/next';
import { recommend } from '../packages/core/src/recommend/recommend';
import type { RecommendContext } from '../packages/core/src/recommend/types';
import { vsknn } from '../tests/eval/baselines/vsknn';
import { datasetsDir } from '../tests/eval/datasets';
import { endTime, readSessions } from '../tests/eval/sessions';
import { makeEvents, makeModel, makeProducts, measure, report } from './bench-support';

const dir = `${datasetsDir()}yoochoose-100k/`;
const train = readSessions(`${dir}train.tsv`);
const prefixes = readSessions(`${dir}test.tsv`)
  .flatMap((s) => s.items.slice(0, -1).map((_, i) => s.items.slice(0, i + 1)))
  .slice(0, 2000);
const index = buildSessionIndex(train.map((s) => ({ items: s.items, end: endTime(s) * 1000 })), { maxSessions: Infinity });
const reference = vsknn().fit(train);
let i = 0;
const nextPrefix = () => prefixes[i++ % prefixes.length]!;
report('recommend.next.predict', measure(() => predictNext(index, nextPrefix()), 500), measure(() => reference(nextPrefix(), 20, 0), 500), {
  sessions: index.ends.length,
});

const json = JSON.stringify(toSessionIndexPayload(index));
report('recommend.next.load', measure(() => fromSessionIndexPayload(JSON.parse(json)), 3, 7, 2), measure(() => JSON.parse(json), 3, 7, 2), {
  payloadBytes: json.length,
});

const products = makeProducts(5000);
const catalogMap = new Map(products.map((p) => [p.id, p]));
const catalog = { get: (id: string) => catalogMap.get(id), all: () => products };
const model = makeModel(products);
const events = makeEvents(300, products);
const profile = buildProfile(events);
const ctx: RecommendContext = {
  catalog,
  model,
  profile,
  anchor: products[10]!.id,
  viewed: products.slice(20, 26).map((p) => p.id),
  cart: [products[30]!.id, products[31]!.id],
  now: Date.now(),
};
const popularNs = measure(() => recommend('popular', ctx), 200);
for (const strategy of ['related', 'bought-together', 'cart-complement', 'next', 'for-you', 'hybrid'] as const) {
  report(`recommend.${strategy}`, measure(() => recommend(strategy, ctx), 20, 9, 20), popularNs, { catalog: products.length });
}

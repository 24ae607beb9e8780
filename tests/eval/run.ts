/**
 * `npm run eval` — offline evaluation of the recommenders on real sessions.
 *
 *   npm run eval                                   # every built-in data set (see README.md)
 *   npm run eval -- --train a.tsv --test b.tsv [--k 20] [--json]
 *   npm run eval -- --dataset yoochoose|diginetica|retail [--k 20] [--json]
 */
import { parseArgs } from 'node:util';
import { datasetsDir, diginetica } from './datasets';
import { formatPurchase, formatReport, jsonPurchase, jsonReport } from './format';
import { evaluateNextItem } from './protocol';
import { evaluatePurchases } from './retail';
import { readOnlineRetail } from './retail-data';
import { readSessions, type Session } from './sessions';
import { nextItemStrategies } from './strategies';

const USAGE = 'usage: npm run eval -- [--train <file> --test <file>] [--dataset yoochoose|diginetica|retail] [--k 20] [--json]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      dataset: { type: 'string' },
      k: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new Error(`--k must be a positive integer, got "${values.k}". ${USAGE}`);
  const json = values.json;
  if (Boolean(values.train) !== Boolean(values.test)) throw new Error(`--train and --test go together. ${USAGE}`);

  const runNext = (name: string, load: () => { train: Session[]; test: Session[] }) => {
    const { train, test } = load();
    if (!json) console.log(`\n# ${name}: ${train.length} training sessions, ${test.length} test sessions, K=${k}`);
    evaluateNextItem(train, test, nextItemStrategies(), {
      k,
      onReport: (r) => console.log(json ? jsonReport(r, name) : formatReport(r)),
    });
  };

  if (values.train && values.test) {
    const [trainPath, testPath] = [values.train, values.test];
    return runNext(testPath, () => ({ train: readSessions(trainPath), test: readSessions(testPath) }));
  }
  const wanted = values.dataset ? [values.dataset] : ['yoochoose', 'diginetica', 'retail'];
  for (const name of wanted) {
    if (name === 'yoochoose') {
      runNext('yoochoose-100k', () => ({
        train: readSessions(`${datasetsDir()}yoochoose-100k/train.tsv`),
        test: readSessions(`${datasetsDir()}yoochoose-100k/test.tsv`),
      }));
    } else if (name === 'diginetica') {
      runNext('diginetica-sample', diginetica);
    } else if (name === 'retail') {
      const lines = await readOnlineRetail();
      // First 11 months (2010-12-01 … 2011-10-31) train; later invoices are the test.
      const cut = Date.parse('2011-11-01T00:00:00Z');
      if (!json) console.log(`\n# online-retail purchases: train before 2011-11-01, test after, K=${k}`);
      for (const r of evaluatePurchases(lines, cut, k)) console.log(json ? jsonPurchase(r) : formatPurchase(r));
    } else {
      throw new Error(`unknown --dataset "${name}". ${USAGE}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

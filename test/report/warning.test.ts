/**
 * A run whose order lines are mostly rejected (issue 10: an orders.csv from another extract) says so
 * prominently on the terminal and at the top of the report, with the main reason.
 */
import test from 'ava';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { generateData, scratchFolder } from '../analysis/cli-runs.js';

const dir = scratchFolder(test, 'instacart-warning-');

test('orders.csv from a smaller extract: most lines rejected as unknown orders, said first', async (t) => {
  const data = join(dir, 'data');
  const other = join(dir, 'other');
  await generateData(data, 0.004, 5, false);
  await generateData(other, 0.001, 6, false);
  copyFileSync(join(other, 'orders.csv'), join(data, 'orders.csv'));
  const out = join(dir, 'out');
  const result = await runCli(['run', '--data', data, '--out', out, '--workers', '2']);
  t.is(result.code, 0, result.stderr);
  t.regex(result.stdout, /\n!! WARNING: most rows of order_products__prior\.csv were rejected: [\d,]+ of [\d,]+ accepted; the main reason is unknown order \([\d,]+ rows\)/);
  t.true(result.stdout.indexOf('!! WARNING') < result.stdout.indexOf('Headlines:'), 'the warning comes before the headlines');
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const warning = /<div class="warning" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  t.regex(warning, /Most rows of order_products__prior\.csv were rejected/);
  t.regex(warning, /unknown order/);
  t.true(html.indexOf('class="warning"') < html.indexOf('id="q1"'), 'the warning is at the top of the report');
});

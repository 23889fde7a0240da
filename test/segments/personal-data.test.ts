/**
 * No personal data in any output (issues 9 and 10): customers' first names and surnames are read only
 * to be dropped. The outputs scanned include report.html and every part of the zipped workbook. Two runs over the same generated data: one with the generated names (common US names), one
 * with every name replaced by a unique marker that nothing else can contain. Then:
 * - no marker appears in any byte of the output folder, the store and its WAL included;
 * - every generated name occurs as often in the first run's text outputs as in the second's (a name
 *   like "Washington" or "Young" is also a state or a label: it may occur, but only as those);
 * - the exports of the two runs are byte for byte the same: names cannot reach them at all.
 */
import test from 'ava';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, readExports, run } from '../helpers/pipeline.js';
import { tempDir } from '../helpers/temp.js';
import { splitFields } from '../helpers/csv-fields.js';
import { unzip } from '../helpers/unzip.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

test('no first name or surname of customers.csv reaches any export or the store', async (t) => {
  const base = tempDir(t);
  const named = join(base, 'named');
  await generate(named, 0.004, 77, true);
  const masked = join(base, 'masked');
  cpSync(named, masked, { recursive: true });
  // The customers file with every non-blank name replaced by a marker (blank first names stay blank).
  const text = readFileSync(join(named, 'customers.csv'), 'utf8');
  const lines = text.split('\r\n');
  const header = splitFields(lines[0]!);
  const first = header.indexOf('First Name');
  const last = header.indexOf('Surnam');
  t.true(first >= 0 && last >= 0, 'the generated file has both name columns');
  const names = new Set<string>();
  let marker = 0;
  const maskedLines = lines.map((line, k) => {
    if (k === 0 || line === '') return line;
    const fields = splitFields(line);
    for (const at of [first, last]) {
      if (fields[at] === '') continue;
      names.add(fields[at]!);
      fields[at] = `Zq${String(marker++).padStart(6, '0')}Xv`;
    }
    return fields.join(',');
  });
  writeFileSync(join(masked, 'customers.csv'), maskedLines.join('\r\n'));
  t.true(names.size > 100, `the data set has names to look for (${names.size})`);

  const outNamed = join(base, 'out-named');
  const outMasked = join(base, 'out-masked');
  await run(named, outNamed, { exportCustomers: true });
  await run(masked, outMasked, { exportCustomers: true });

  const maskedFiles = filesUnder(outMasked);
  t.true(maskedFiles.some((f) => f.endsWith('instacart.db')) && maskedFiles.some((f) => f.endsWith('customers.csv')), 'the store and customers.csv are scanned');
  t.true(maskedFiles.some((f) => f.endsWith('report.html')) && maskedFiles.some((f) => f.endsWith('instacart_report.xlsx')), 'the report and the workbook are scanned');
  for (const file of maskedFiles) {
    const contents = file.endsWith('.xlsx') ? [...unzip(readFileSync(file)).entries()].map(([part, bytes]) => [`${file}:${part}`, bytes] as const) : [[file, readFileSync(file)] as const];
    for (const [name, bytes] of contents) t.false(/Zq\d{6}Xv/.test(bytes.toString('latin1')), `a name marker in ${name}`);
  }

  // Text outputs: the CSVs, report.html and the workbook's XML parts.
  const textOf = (dir: string): string =>
    filesUnder(dir)
      .sort()
      .flatMap((f) => (f.endsWith('.csv') || f.endsWith('.html') ? [readFileSync(f, 'utf8')] : f.endsWith('.xlsx') ? [...unzip(readFileSync(f)).entries()].filter(([part]) => part.endsWith('.xml')).map(([, bytes]) => bytes.toString('utf8')) : []))
      .join('\n');
  const namedText = textOf(outNamed);
  const maskedText = textOf(outMasked);
  const unexplained = [...names].filter((name) => occurrences(namedText, name) !== occurrences(maskedText, name));
  t.deepEqual(unexplained, []);
  t.deepEqual(readExports(outNamed), readExports(outMasked));
  t.is(readFileSync(join(outNamed, 'customers.csv'), 'utf8'), readFileSync(join(outMasked, 'customers.csv'), 'utf8'));
});

/**
 * On generated data, every analysis export (SPEC.md sections 3, 4 and 7) equals the naive oracle of
 * test/analysis/oracle.ts: all rows in order, every cell, the data_quality counts, population_flow and the
 * rejects. The exports do not depend on the number of workers, the CSV reader or the run (SPEC.md
 * sections 5 and 6), and hold the invariants of invariants.ts.
 */
import test from 'ava';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeOracle, type OracleResult } from './oracle.js';
import { expectedPairTables, type PairSettings } from './oracle-pairs.js';
import { compareAll, compareTable, diffExports, readAllExports, readExportFile } from './compare.js';
import { checkInvariants } from './invariants.js';
import { generateData, once, runData, scratchFolder } from './cli-runs.js';

const root = scratchFolder(test, 'instacart-analysis-');

// Pairs thresholds for data sets of 5-17k orders (the default, 1,000 orders, is for the full data): low
// enough that hundreds of product pairs qualify and the top-N cut falls inside them.
const kPairs: PairSettings = { minPairOrders: 8, pairTopN: 60 };
const configFile = join(root, 'pairs-config.json');
writeFileSync(configFile, JSON.stringify(kPairs));
const kConfig = ['--config', configFile];

interface Dataset {
  title: string;
  scale: number;
  seed: number;
  faults: boolean;
}

// Small enough for a 2-core machine (about 1 s to generate, 1 s to run each), big enough that every
// day and hour has orders and top_products has ties to settle past its 100th row.
const kDatasets: Dataset[] = [
  { title: 'scale 0.005, seed 1', scale: 0.005, seed: 1, faults: false },
  { title: 'scale 0.005, seed 2, --faults', scale: 0.005, seed: 2, faults: true },
  { title: 'scale 0.003, seed 3, --faults', scale: 0.003, seed: 3, faults: true },
];

/** Generate a dataset once, run the pipeline over it with the CLI defaults, compute the oracle. */
const prepared = new Map<Dataset, () => Promise<{ dataDir: string; outDir: string; oracle: OracleResult }>>(
  kDatasets.map((d) => [
    d,
    once(async () => {
      const dataDir = join(root, `data-${d.seed}`);
      const outDir = join(root, `out-${d.seed}`);
      await generateData(dataDir, d.scale, d.seed, d.faults);
      await runData(dataDir, outDir, ['--export-customers', ...kConfig]);
      return { dataDir, outDir, oracle: computeOracle(dataDir) };
    }),
  ]),
);

for (const d of kDatasets) {
  test(`generated data (${d.title}): every export equals the oracle`, async (t) => {
    const { outDir, oracle } = await prepared.get(d)!();
    t.true(oracle.acceptedLines > 10_000, 'the data set has order lines');
    t.true(existsSync(join(outDir, 'customers.csv')), 'customers.csv is there, so every flag and segment table is compared');
    t.deepEqual(compareAll(oracle, outDir), []);
  });

  test(`generated data (${d.title}): the pair tables equal the naive pairs of every order`, async (t) => {
    const { outDir, oracle } = await prepared.get(d)!();
    const expected = expectedPairTables(oracle.data, kPairs);
    t.true(expected.product_pairs.rows.length === 2 * kPairs.pairTopN, `top ${kPairs.pairTopN} cut inside the qualifying product pairs`);
    t.true(expected.aisle_pairs.rows.length > 100 && expected.department_pairs.rows.length > 20, 'aisle and department pairs qualify');
    const problems = Object.entries(expected).flatMap(([name, table]) => compareTable(`${name}.csv`, table, readExportFile(outDir, name)));
    t.deepEqual(problems, []);
  });

  test(`generated data (${d.title}): the exports hold the invariants`, async (t) => {
    const { outDir } = await prepared.get(d)!();
    t.deepEqual(checkInvariants(outDir), []);
  });
}

test('generated data: the segment tables exercise the small-cell rule and the low-activity exclusion', async (t) => {
  const { outDir } = await prepared.get(kDatasets[0]!)!();
  const blanked = ['crosstab_region_by_spending', 'crosstab_profile_by_department', 'segment_department_index'].map((name) => readFileSync(join(outDir, 'csv', `${name}.csv`), 'utf8').split('fewer than 10 customers').length - 1);
  t.true(blanked.every((n) => n > 0), `blanked cells per table: ${blanked.join(', ')}`);
  const activity = readFileSync(join(outDir, 'csv', 'segment_activity.csv'), 'utf8');
  t.regex(activity, /\r\nLow activity,[1-9]/, 'some customers are low-activity (and counted there)');
});

test('generated data with faults: the planted product faults are in data_quality as the oracle counts them', async (t) => {
  const { oracle } = await prepared.get(kDatasets[1]!)!();
  // The generator's --faults plants the course file's product faults (see generate/faults); the oracle
  // must find them itself, or the comparison above would prove little about the cleaning rules.
  t.true(oracle.quality.get('products.csv|blank product_name')! > 0);
  t.true(oracle.quality.get('products.csv|exact duplicate row')! > 0);
  t.true(oracle.quality.get('products.csv|rejected: conflicting product id')! > 0);
  t.true(oracle.quality.get('products.csv|price outlier (above the outlier bound or below 0)')! > 0);
  t.true(oracle.tables.price_ranges.rows[3]![1] !== '0', 'some products have an unknown price');
});

/** The run options that must not change a byte of any export. */
const kVariants: { title: string; args: string[] }[] = [
  { title: '--workers 1', args: ['--workers', '1'] },
  { title: '--workers 2, small shards', args: ['--workers', '2', '--min-shard-bytes', '4096', '--inline-bytes', '0'] },
  { title: '--workers 4, small shards', args: ['--workers', '4', '--min-shard-bytes', '4096', '--inline-bytes', '0'] },
  { title: '--parser fast-csv, 2 workers, small shards', args: ['--parser', 'fast-csv', '--workers', '2', '--min-shard-bytes', '4096', '--inline-bytes', '0'] },
  { title: 'on the main thread, small shards', args: ['--min-shard-bytes', '4096'] },
  { title: 'the same run again into a new folder', args: [] },
];

for (const [k, variant] of kVariants.entries()) {
  test(`the exports are byte-identical with ${variant.title}`, async (t) => {
    const { dataDir, outDir } = await prepared.get(kDatasets[1]!)!();
    const other = join(root, `variant-${k}`);
    await runData(dataDir, other, [...variant.args, ...kConfig]);
    t.deepEqual(diffExports(readAllExports(other), readAllExports(outDir)), []);
  });
}

test('a second --full run over the same data and store rewrites byte-identical exports', async (t) => {
  const { dataDir } = await prepared.get(kDatasets[2]!)!();
  const outDir = join(root, 'rerun');
  mkdirSync(outDir);
  await runData(dataDir, outDir, ['--workers', '2', ...kConfig]);
  const first = readAllExports(outDir);
  await runData(dataDir, outDir, ['--workers', '2', '--full', ...kConfig]);
  t.deepEqual(diffExports(readAllExports(outDir), first), []);
});

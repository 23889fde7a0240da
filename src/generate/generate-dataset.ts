/**
 * Main-thread orchestration of `instacart generate`: plan the blocks, farm them out to piscina workers,
 * and stream their bytes to disk in block order while writing the small files in between.
 *
 * Memory stays flat whatever the scale: at most `workers + 2` blocks (~13 MB each at any scale, since a
 * block is a fixed 4,096 users) are in flight or waiting to be written, and the next block is only
 * submitted once the oldest one has been taken for writing.
 */
import { mkdir } from 'node:fs/promises';
import type { Piscina } from 'piscina';
import { startProgress } from '../progress/index.js';
import type { BlockResult, BlockTask } from './block-protocol.js';
import { buildCatalogue } from './catalogue.js';
import { bytesOf, digitCount } from './csv-bytes.js';
import { customersFileChunks, type CustomersTally } from './customers-file.js';
import type { FaultCounts } from './faults.js';
import { kGeneratorVersion, kManifestName, manifestBytes, type Manifest } from './manifest.js';
import { resolveGenerateOptions, type GenerateOptions } from './options.js';
import { OutputFile } from './output-files.js';
import { planDataset, type BlockPlan, type DatasetPlan } from './plan.js';
import { encodeProductsFile } from './products-file.js';
import { encodeAislesFile, encodeDepartmentsFile } from './taxonomy-files.js';

/** From dist/src/generate/ to the compiled worker in dist/workers/. */
const kWorkerUrl = new URL('../../workers/generate-block.js', import.meta.url);

/** Blocks in flight beyond one per worker: keeps every worker busy while the main thread writes. */
const kExtraBlocksInFlight = 2;

/** Output file names, in the order the summary lists them. */
export const kGeneratedFiles = [
  'orders.csv',
  'order_products__prior.csv',
  'order_products__train.csv',
  'products.csv',
  'departments.csv',
  'aisles.csv',
  'customers.csv',
] as const;
export type GeneratedFile = (typeof kGeneratedFiles)[number];

const kHeaders = {
  orders: bytesOf('order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order\n'),
  lines: bytesOf('order_id,product_id,add_to_cart_order,reordered\n'),
};

/** Rows and bytes of one written file. */
export interface GeneratedFileSummary {
  /** File name inside the output directory. */
  readonly name: string;
  /** Data rows (header not counted). */
  readonly rows: number;
  /** Size in bytes. */
  readonly bytes: number;
}

/** What a generate run wrote. */
export interface GenerateSummary {
  /** Output directory, as given. */
  readonly outDir: string;
  /** Scale used. */
  readonly scale: number;
  /** Seed used. */
  readonly seed: number;
  /** Whether faults were planted. */
  readonly faults: boolean;
  /** Worker threads used. */
  readonly workers: number;
  /** Users generated. */
  readonly users: number;
  /** Products in the catalogue. */
  readonly products: number;
  /** Orders generated (all eval sets). */
  readonly orders: number;
  /** The data files (manifest.json not included). */
  readonly files: readonly GeneratedFileSummary[];
  /** Data rows over all files. */
  readonly rows: number;
  /** Bytes over all data files. */
  readonly bytes: number;
  /** Planted faults by kind. */
  readonly plantedFaults: FaultCounts;
  /** Wall time of the run in seconds. */
  readonly seconds: number;
}

/**
 * Generate a data set into `options.outDir`. The same (scale, seed, faults) gives byte-identical files
 * whatever `workers` is. Throws EtlError('USAGE') for bad options.
 */
export async function generateDataset(options: GenerateOptions): Promise<GenerateSummary> {
  const opts = resolveGenerateOptions(options);
  const started = performance.now();
  const plan = planDataset(opts.scale, opts.seed);
  await mkdir(opts.outDir, { recursive: true });

  const files = new Map<GeneratedFile, OutputFile>();
  const manifestFile = await OutputFile.create(opts.outDir, kManifestName);
  try {
    for (const name of kGeneratedFiles) files.set(name, await OutputFile.create(opts.outDir, name));
    const file = (name: GeneratedFile): OutputFile => files.get(name)!;
    const progress = startProgress('generate', estimateBytes(plan), opts.progress ? undefined : false);
    const bytesWritten = (): number => [...files.values()].reduce((sum, f) => sum + f.bytes, 0);
    const rowsWritten = (): number => [...files.values()].reduce((sum, f) => sum + f.rows, 0);

    // Loaded here, not at module load, so commands that never generate do not pay for piscina.
    const { Piscina: Pool } = await import('piscina');
    const pool: Piscina<BlockTask, BlockResult> = new Pool<BlockTask, BlockResult>({
      filename: kWorkerUrl.href,
      minThreads: opts.workers,
      maxThreads: opts.workers,
    });
    let customers: CustomersTally;
    let productFaults: Omit<FaultCounts, 'blankFirstNames'>;
    try {
      const pending: (Promise<BlockResult> | undefined)[] = [];
      let nextBlock = 0;
      const submitNext = (): void => {
        const block = plan.blocks[nextBlock++];
        if (block === undefined) return;
        const task = pool.run(blockTask(plan, block));
        task.catch(() => undefined); // awaited in order below; this only stops an early "unhandled rejection"
        pending[block.index] = task;
      };
      for (let k = 0; k < opts.workers + kExtraBlocksInFlight; k++) submitNext();

      // The small files, while the workers make the first blocks.
      await file('orders.csv').write(kHeaders.orders);
      await file('order_products__prior.csv').write(kHeaders.lines);
      await file('order_products__train.csv').write(kHeaders.lines);
      const products = encodeProductsFile(opts.seed, buildCatalogue(opts.seed, plan.products), opts.faults);
      productFaults = products.faults;
      await writeAll(file('products.csv'), products.bytes, products.rows);
      const departments = encodeDepartmentsFile();
      await writeAll(file('departments.csv'), departments.bytes, departments.rows);
      const aisles = encodeAislesFile();
      await writeAll(file('aisles.csv'), aisles.bytes, aisles.rows);
      customers = { rows: 0, blankFirstNames: 0 };
      for (const chunk of customersFileChunks(opts.seed, plan.users, opts.faults, customers)) {
        await file('customers.csv').write(chunk);
      }
      file('customers.csv').rows = customers.rows;

      for (const block of plan.blocks) {
        const result = await pending[block.index]!;
        pending[block.index] = undefined;
        if (result.blockIndex !== block.index) throw new Error(`block ${block.index}: got block ${result.blockIndex}`);
        submitNext();
        await Promise.all([
          writeAll(file('orders.csv'), result.ordersCsv, result.orderRows),
          writeAll(file('order_products__prior.csv'), result.priorCsv, result.priorRows),
          writeAll(file('order_products__train.csv'), result.trainCsv, result.trainRows),
        ]);
        progress.update(bytesWritten(), rowsWritten());
      }
    } finally {
      progress.stop();
      await pool.destroy();
    }

    const plantedFaults: FaultCounts = { ...productFaults, blankFirstNames: customers.blankFirstNames };
    const summaries = kGeneratedFiles.map((name) => ({ name, rows: file(name).rows, bytes: file(name).bytes }));
    const manifest: Manifest = {
      generator: 'instacart-etl generate',
      generatorVersion: kGeneratorVersion,
      scale: opts.scale,
      seed: opts.seed,
      faults: opts.faults,
      users: plan.users,
      products: plan.products,
      files: Object.fromEntries(summaries.map((s) => [s.name, { rows: s.rows, bytes: s.bytes }])),
      plantedFaults,
    };
    await manifestFile.write(manifestBytes(manifest));
    for (const f of files.values()) await f.commit();
    await manifestFile.commit(); // last: a manifest means the data beside it is complete

    return {
      outDir: opts.outDir,
      scale: opts.scale,
      seed: opts.seed,
      faults: opts.faults,
      workers: opts.workers,
      users: plan.users,
      products: plan.products,
      orders: plan.orders,
      files: summaries,
      rows: summaries.reduce((sum, s) => sum + s.rows, 0),
      bytes: summaries.reduce((sum, s) => sum + s.bytes, 0),
      plantedFaults,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await Promise.all([...files.values(), manifestFile].map((f) => f.discard()));
    throw error;
  }
}

function blockTask(plan: DatasetPlan, block: BlockPlan): BlockTask {
  return {
    seed: plan.seed,
    productCount: plan.products,
    blockIndex: block.index,
    firstUserId: block.firstUserId,
    orderCounts: block.orderCounts,
    firstOrderId: block.firstOrderId,
    orderCount: block.orderCount,
  };
}

async function writeAll(file: OutputFile, bytes: Uint8Array, rows: number): Promise<void> {
  await file.write(bytes);
  file.rows += rows;
}

/**
 * Expected output size for the progress bar, from the row widths measured at scale 1 (orders 31.9
 * bytes a row, lines 17.8, customers 68): an orders row is its two ids plus ~18 bytes, a line its
 * order and product ids plus ~5.8; 10.1 lines per non-test order (36.4 % of last orders are test).
 */
function estimateBytes(plan: DatasetPlan): number {
  const orderIdDigits = digitCount(plan.orders);
  const lines = (plan.orders - plan.users * 0.364) * 10.1;
  return (
    plan.orders * (orderIdDigits + digitCount(plan.users) + 18) +
    lines * (orderIdDigits + digitCount(plan.products) + 5.8) +
    plan.users * 68 +
    plan.products * 50
  );
}

/** `generate: 7 files, 37,123,456 rows, 712.3 MB in data/ in 21.4 s (scale 1, seed 42, 2 workers)`. */
export function formatGenerateSummary(summary: GenerateSummary): string {
  const mb = (summary.bytes / 1e6).toFixed(1);
  const faults = summary.faults ? ', with faults' : '';
  return (
    `generate: ${summary.files.length} files, ${summary.rows.toLocaleString('en-US')} rows, ${mb} MB in ${summary.outDir} ` +
    `in ${summary.seconds.toFixed(1)} s (scale ${summary.scale}, seed ${summary.seed}${faults}, ${summary.workers} workers)`
  );
}

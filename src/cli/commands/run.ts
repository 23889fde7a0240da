/**
 * `instacart run`: ingest what is new in the data directory, update the store, write the exports.
 * The options are declared once (`runOptions`) and serve both yargs and the quick parse in
 * `quickRunArgs`, which lets a plain `instacart run ...` skip loading yargs (about 110 ms of its 370 ms
 * on the benchmark machine when there is nothing new).
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { Argv, CommandModule } from 'yargs';
import { runPipeline, type RunResult } from '../../pipeline/run.js';
import { kParserNames, type ParserName } from '../../csv/index.js';
import { formatCount } from '../../progress/index.js';

export interface RunArgs {
  data: string;
  out: string;
  db?: string;
  workers: number;
  parser: ParserName;
  config?: string;
  full: boolean;
  timing: boolean;
  'export-customers': boolean;
  verbose: boolean;
  'generate-if-empty': boolean;
  'min-shard-bytes'?: number;
  'inline-bytes'?: number;
}

interface OptionSpec {
  type: 'string' | 'number' | 'boolean';
  default?: string | number | boolean;
  choices?: readonly string[];
  describe: string;
  hidden?: boolean;
}

/** Every `run` option, once. */
const runOptions: Record<Exclude<keyof RunArgs, 'verbose'>, OptionSpec> = {
  data: { type: 'string', default: 'data', describe: 'Data directory (orders.csv, order_products__*.csv, products.csv, ...)' },
  out: { type: 'string', default: 'output', describe: 'Output directory: csv/, rejects.csv and the store' },
  db: { type: 'string', describe: 'Store file (default: OUT/instacart.db)' },
  workers: { type: 'number', default: availableParallelism(), describe: 'Worker threads for parsing' },
  parser: { type: 'string', choices: kParserNames, default: 'fast', describe: 'CSV reader: the byte scanner (fast) or fast-csv (the reference, slower)' },
  config: { type: 'string', describe: 'JSON file of analysis settings (thresholds, day names, ...)' },
  full: { type: 'boolean', default: false, describe: 'Rebuild everything from the data instead of ingesting only what is new' },
  timing: { type: 'boolean', default: false, describe: "Print each stage's time on stderr (where a run spends it)" },
  'export-customers': { type: 'boolean', default: false, describe: 'Also write OUT/customers.csv: one row per customer with every flag (no names)' },
  'generate-if-empty': { type: 'boolean', default: false, describe: 'Generate the default sample into --data first when it holds no input (npm start)' },
  'min-shard-bytes': { type: 'number', hidden: true, describe: 'Smallest shard (testing)' },
  'inline-bytes': { type: 'number', hidden: true, describe: 'Reads up to this size run on the main thread (testing: 0 always uses threads)' },
};

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'Ingest what is new in the data directory, update the store and write every export',
  builder: (yargs: Argv) => {
    let y = yargs;
    for (const [name, spec] of Object.entries(runOptions)) {
      y = y.option(name, { type: spec.choices ? undefined : spec.type, choices: spec.choices, default: spec.default, describe: spec.describe, hidden: spec.hidden ?? false } as never);
    }
    return y.example('$0 run', 'ingest ./data into ./output').example('$0 run --data ~/instacart --full', 'rebuild from a folder of real files') as unknown as Argv<RunArgs>;
  },
  handler: (args) => runHandler(args),
};

export async function runHandler(args: RunArgs): Promise<void> {
  const result = await runPipeline({
    dataDir: args.data,
    outDir: args.out,
    ...(args.db !== undefined ? { dbPath: args.db } : {}),
    workers: args.workers,
    parser: args.parser,
    ...(args.config !== undefined ? { configFile: args.config } : {}),
    full: args.full,
    timing: args.timing,
    exportCustomers: args['export-customers'],
    generateIfEmpty: args['generate-if-empty'],
    ...(args['min-shard-bytes'] !== undefined ? { minShardBytes: args['min-shard-bytes'] } : {}),
    ...(args['inline-bytes'] !== undefined ? { inlineBytes: args['inline-bytes'] } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(summarize(result, args.out));
}

/**
 * `run` arguments read without yargs, when they are plainly valid (`--name value` and known flags);
 * undefined whenever anything is unusual (help, an unknown or malformed option, a bad value), so that
 * yargs handles it and gives its usual messages.
 */
export function quickRunArgs(argv: readonly string[]): RunArgs | undefined {
  if (argv[0] !== 'run') return undefined;
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(Object.entries(runOptions).map(([name, spec]) => [name, { type: spec.type === 'boolean' ? ('boolean' as const) : ('string' as const) }]));
    values = parseArgs({ args: argv.slice(1), options: { ...options, verbose: { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch {
    return undefined;
  }
  const args: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(runOptions)) {
    const value = values[name];
    if (value === undefined) {
      if (spec.default !== undefined) args[name] = spec.default;
      continue;
    }
    if (spec.type === 'number') {
      const n = Number(value);
      if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n)) return undefined;
      args[name] = n;
    } else if (spec.choices && !spec.choices.includes(value as string)) {
      return undefined;
    } else {
      args[name] = value;
    }
  }
  args.verbose = values.verbose === true;
  return args as unknown as RunArgs;
}

function summarize(result: RunResult, outDir: string): string {
  const lines: string[] = [];
  if (result.upToDate) {
    lines.push(`Nothing new: the store and exports are up to date (${result.seconds.toFixed(2)} s).`);
  } else {
    if (result.rebuild !== undefined) lines.push(`Full rebuild: ${result.rebuild}.`);
    for (const a of result.actions) if (result.rebuild === undefined) lines.push(`  ${a.name}: ${a.action} (${a.reason})`);
    const rate = result.seconds > 0 ? result.linesRead / result.seconds : 0;
    lines.push(`Read ${result.linesRead} order lines (${result.linesAccepted} accepted, ${result.linesRead - result.linesAccepted} rejected) in ${result.seconds.toFixed(2)} s (${formatCount(rate)} lines/s overall).`);
  }
  const out = relative('.', outDir) || '.';
  const csvFiles = result.exports.filter((path) => /[\\/]csv[\\/][^\\/]+\.csv$/.test(path)).length;
  lines.push(`Exports: ${out}/csv/ (${csvFiles} files) and ${out}/rejects.csv; store: ${relative('.', result.dbPath)}`);
  return `${lines.join('\n')}\n${headlinesText(result.headlines)}Report: ${relative('.', result.reportPath)} (workbook: ${out}/instacart_report.xlsx)\n`;
}

/**
 * The headline findings as the terminal shows them: a warning (most rows rejected) set apart first, so
 * that it cannot be missed, then the headlines.
 */
export function headlinesText(headlines: readonly string[]): string {
  if (headlines.length === 0) return '';
  const warnings = headlines.filter((h) => h.startsWith('WARNING'));
  const others = headlines.filter((h) => !h.startsWith('WARNING'));
  const block = warnings.length === 0 ? '' : `\n${warnings.map((w) => `!! ${w}`).join('\n')}\n`;
  return `${block}\nHeadlines:\n${others.map((h) => `  - ${h}`).join('\n')}\n\n`;
}

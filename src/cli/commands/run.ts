/**
 * `instacart run`: ingest what is new in the data directory, update the store, write the exports.
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { runPipeline, type RunResult } from '../../pipeline/run.js';
import type { ParserName } from '../../../workers/protocol.js';
import { formatCount } from '../../progress/index.js';

interface RunArgs {
  data: string;
  out: string;
  db?: string;
  workers: number;
  parser: ParserName;
  config?: string;
  full: boolean;
  'generate-if-empty': boolean;
  'min-shard-bytes'?: number;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'Ingest what is new in the data directory, update the store and write every export',
  builder: (yargs: Argv) =>
    yargs
      .option('data', { type: 'string', default: 'data', describe: 'Data directory (orders.csv, order_products__*.csv, products.csv, ...)' })
      .option('out', { type: 'string', default: 'output', describe: 'Output directory: csv/, rejects.csv and the store' })
      .option('db', { type: 'string', describe: 'Store file (default: OUT/instacart.db)' })
      .option('workers', { type: 'number', default: availableParallelism(), describe: 'Worker threads for parsing' })
      .option('parser', { choices: ['fast', 'fast-csv'] as const, default: 'fast' as const, describe: 'CSV reader: the byte scanner (fast) or fast-csv (the reference, slower)' })
      .option('config', { type: 'string', describe: 'JSON file of analysis settings (thresholds, day names, ...)' })
      .option('full', { type: 'boolean', default: false, describe: 'Rebuild everything from the data instead of ingesting only what is new' })
      .option('generate-if-empty', { type: 'boolean', default: false, describe: 'Generate the default sample into --data first when it holds no input (npm start)' })
      .option('min-shard-bytes', { type: 'number', hidden: true, describe: 'Smallest shard (testing)' })
      .example('$0 run', 'ingest ./data into ./output')
      .example('$0 run --data ~/instacart --full', 'rebuild from a folder of real files') as unknown as Argv<RunArgs>,
  handler: async (args) => {
    const result = await runPipeline({
      dataDir: args.data,
      outDir: args.out,
      ...(args.db !== undefined ? { dbPath: args.db } : {}),
      workers: args.workers,
      parser: args.parser,
      ...(args.config !== undefined ? { configFile: args.config } : {}),
      full: args.full,
      generateIfEmpty: args['generate-if-empty'],
      ...(args['min-shard-bytes'] !== undefined ? { minShardBytes: args['min-shard-bytes'] } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(summarize(result, args.out));
  },
};

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
  lines.push(`Exports: ${relative('.', outDir) || '.'}/csv/ (${result.exports.length - 1} files) and ${relative('.', outDir) || '.'}/rejects.csv; store: ${relative('.', result.dbPath)}`);
  return `${lines.join('\n')}\n`;
}

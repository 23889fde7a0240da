/**
 * `instacart generate`: write a synthetic Instacart data set (see src/generate/). Option values are
 * checked by resolveGenerateOptions, which throws EtlError('USAGE') (exit 2) with the fix in the message.
 */
import { availableParallelism } from 'node:os';
import type { CommandModule } from 'yargs';
import { kGenerateDefaults } from '../../generate/options.js';

interface GenerateArgs {
  out: string;
  scale: number;
  seed: number;
  faults: boolean;
  workers: number;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'Write a generated Instacart-format data set (orders, order lines, products, aisles, departments, customers)',
  builder: (yargs) =>
    yargs
      .option('out', {
        type: 'string',
        default: kGenerateDefaults.outDir,
        describe: 'Directory to write into (created if missing; files of the same names are replaced)',
      })
      .option('scale', {
        type: 'number',
        default: kGenerateDefaults.scale,
        describe: 'Size, > 0 and <= 10: 1 is the real data (206,209 users, ~3.4M orders, ~700 MB); 0.1 is the default sample',
      })
      .option('seed', {
        type: 'number',
        default: kGenerateDefaults.seed,
        describe: 'Random seed, a non-negative integer: the same scale and seed give byte-identical files',
      })
      .option('faults', {
        type: 'boolean',
        default: kGenerateDefaults.faults,
        describe: "Plant the course data's faults (blank and #NAME? product names, duplicate rows, price outliers, blank first names); counts go to manifest.json",
      })
      .option('workers', {
        type: 'number',
        default: availableParallelism(),
        describe: 'Worker threads (does not change the output)',
      })
      .example('$0 generate', 'the default sample (scale 0.1) into ./data')
      .example('$0 generate --out /tmp/full --scale 1 --seed 7', 'a full-size data set'),
  handler: async (args) => {
    // Loaded here, not at the top: other commands should not pay for the generator's tables.
    const { formatGenerateSummary, generateDataset } = await import('../../generate/index.js');
    const summary = await generateDataset({
      outDir: args.out,
      scale: args.scale,
      seed: args.seed,
      faults: args.faults,
      workers: args.workers,
      progress: true,
    });
    process.stdout.write(`${formatGenerateSummary(summary)}\n`);
  },
};

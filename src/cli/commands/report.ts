/**
 * `instacart report`: rebuild the workbook and report.html from the store alone (no inputs read).
 */
import { relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { reportFromStore } from '../../pipeline/report.js';
import { headlinesText } from './run.js';

interface ReportArgs {
  out: string;
  db?: string;
  timing: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Rebuild the workbook and report.html from the store (the inputs are not read)',
  builder: (yargs: Argv) =>
    yargs
      .option('out', { type: 'string', default: 'output', describe: 'Output directory holding the store; the report files are written here' })
      .option('db', { type: 'string', describe: 'Store file (default: OUT/instacart.db)' })
      .option('timing', { type: 'boolean', default: false, describe: "Print each step's time on stderr" }) as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    const result = await reportFromStore({ outDir: args.out, ...(args.db !== undefined ? { dbPath: args.db } : {}), timing: args.timing });
    process.stdout.write(`${headlinesText(result.headlines)}Report: ${relative('.', result.reportPath)} (and ${relative('.', result.files[0]!)}), rebuilt from the store in ${result.seconds.toFixed(2)} s.\n`);
  },
};

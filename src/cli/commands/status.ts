/**
 * `instacart status`: what the store holds, per source, and whether a rerun has work to do.
 */
import type { Argv, CommandModule } from 'yargs';
import { storeStatus, type StatusReport } from '../../pipeline/status.js';
import { formatBytes } from '../../progress/index.js';

interface StatusArgs {
  data: string;
  out: string;
  db?: string;
  config?: string;
  json: boolean;
}

export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status',
  describe: 'Show what the store holds, per source, and whether a rerun has work to do',
  builder: (yargs: Argv) =>
    yargs
      .option('data', { type: 'string', default: 'data', describe: 'Data directory to compare the store with' })
      .option('out', { type: 'string', default: 'output', describe: 'Output directory holding the store' })
      .option('db', { type: 'string', describe: 'Store file (default: OUT/instacart.db)' })
      .option('config', { type: 'string', describe: 'JSON settings file used by the runs' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the status as JSON' }) as unknown as Argv<StatusArgs>,
  handler: (args) => {
    const report = storeStatus({ dataDir: args.data, outDir: args.out, ...(args.db !== undefined ? { dbPath: args.db } : {}), ...(args.config !== undefined ? { configFile: args.config } : {}) });
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
  },
};

function render(report: StatusReport): string {
  const lines = [`Store: ${report.dbPath}${report.empty ? ' (none yet)' : ` (run ${report.generation}${report.running ? ', a run is in progress now' : ''})`}`];
  if (report.sources.length > 0) {
    const rows = [['source', 'role', 'ingested', 'read', 'accepted', 'rejected', 'next run'], ...report.sources.map((s) => [s.name, s.role, formatBytes(s.ingestedBytes), String(s.read), String(s.accepted), String(s.rejected), s.next])];
    const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
    for (const row of rows) lines.push(`  ${row.map((cell, k) => (k >= 2 && k <= 5 ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!))).join('  ').trimEnd()}`);
  }
  if (report.newFiles.length > 0) lines.push(`New files: ${report.newFiles.join(', ')}`);
  lines.push(`Rerun: ${report.rerun}`);
  return `${lines.join('\n')}\n`;
}

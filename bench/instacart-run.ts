/**
 * One measured `instacart run` in a child process, and what it said it did. The bench drives the
 * built CLI (dist/src/cli/main.js), exactly as a user would, rather than importing runPipeline: the
 * timing then includes module loading, the SQLite store and the exports, i.e. the whole job.
 */
import { join } from 'node:path';
import { measureNode, type ProcessMeasurement } from './measure.js';

export interface InstacartRunOptions {
  projectRoot: string;
  dataDir: string;
  outDir: string;
  /** `--full`: rebuild from the data, ignoring what the store holds. */
  full: boolean;
  parser: 'fast' | 'fast-csv';
  /** `--workers`; undefined keeps the CLI's default (os.availableParallelism()). */
  workers: number | undefined;
  /** `--timing`: stage times on stderr (see `stageSeconds`). */
  timing?: boolean;
}

/** What the run's stdout summary says (src/cli/commands/run.ts `summarize`). */
export interface RunSummary {
  /** `nothing-new`: "Nothing new: ..."; `rebuild`: "Full rebuild: <reason>."; else per-file actions. */
  mode: 'nothing-new' | 'rebuild' | 'incremental' | 'unknown';
  /** The reason after "Full rebuild:". */
  rebuildReason?: string;
  /** Per-file action lines ("orders.csv: append (grew by ...)"), as printed. */
  actions: string[];
  linesRead?: number;
  linesAccepted?: number;
  linesRejected?: number;
  /** The seconds the CLI reported for itself (from its own start of the pipeline). */
  reportedSeconds?: number;
}

export interface InstacartRun {
  measurement: ProcessMeasurement;
  summary: RunSummary;
  /** The command line as a user would type it, for the report. */
  command: string;
}

export async function runInstacart(options: InstacartRunOptions): Promise<InstacartRun> {
  const args = ['run', '--data', options.dataDir, '--out', options.outDir];
  if (options.full) args.push('--full');
  if (options.parser !== 'fast') args.push('--parser', options.parser);
  if (options.workers !== undefined) args.push('--workers', String(options.workers));
  if (options.timing === true) args.push('--timing');
  const measurement = await measureNode([join(options.projectRoot, 'dist/src/cli/main.js'), ...args], { cwd: options.projectRoot });
  if (measurement.exitCode !== 0) {
    throw new Error(`instacart ${args.join(' ')} failed (exit ${measurement.exitCode ?? measurement.signal}):\n${measurement.stderr.slice(-4000)}`);
  }
  return { measurement, summary: parseRunSummary(measurement.stdout), command: `instacart ${args.join(' ')}` };
}

/** Parse the CLI's summary lines; unknown text leaves fields undefined rather than failing the bench. */
export function parseRunSummary(stdout: string): RunSummary {
  const summary: RunSummary = { mode: 'unknown', actions: [] };
  // The headline findings and the report path come after the run's own lines: not actions.
  const lines = stdout.split('\n');
  const findings = lines.findIndex((l) => l === 'Headlines:' || l.startsWith('!! '));
  for (const line of findings < 0 ? lines : lines.slice(0, findings)) {
    let m: RegExpExecArray | null;
    if (line.startsWith('Nothing new')) {
      summary.mode = 'nothing-new';
      const s = /\(([\d.]+) s\)/.exec(line);
      if (s !== null) summary.reportedSeconds = Number(s[1]);
    } else if ((m = /^Full rebuild: (.*?)\.?$/.exec(line)) !== null) {
      summary.mode = 'rebuild';
      summary.rebuildReason = m[1]!;
    } else if (line.startsWith('  ') && line.trim() !== '') {
      summary.actions.push(line.trim());
      if (summary.mode === 'unknown') summary.mode = 'incremental';
    } else if ((m = /^Read (\d+) order lines \((\d+) accepted, (\d+) rejected\) in ([\d.]+) s/.exec(line)) !== null) {
      summary.linesRead = Number(m[1]);
      summary.linesAccepted = Number(m[2]);
      summary.linesRejected = Number(m[3]);
      summary.reportedSeconds = Number(m[4]);
    }
  }
  return summary;
}

/** One line for the report: what the run did. */
export function describeSummary(summary: RunSummary): string {
  // The CLI's own figure excludes Node start-up and module loading: the gap to wall time is overhead.
  const self = summary.reportedSeconds === undefined ? '' : ` [CLI reports ${summary.reportedSeconds.toFixed(2)} s]`;
  switch (summary.mode) {
    case 'nothing-new':
      return `nothing new (store up to date)${self}`;
    case 'rebuild':
      return `full rebuild: ${summary.rebuildReason ?? '?'}${self}`;
    case 'incremental':
      return `${summary.actions.join('; ')}${self}`;
    default:
      return 'unrecognised summary';
  }
}

/** The `[timing] <stage>: <s> s` lines of a run's stderr, by stage. */
export function stageSeconds(stderr: string): Map<string, number> {
  const stages = new Map<string, number>();
  for (const m of stderr.matchAll(/^\[timing\] (.+): ([\d.]+) s$/gm)) stages.set(m[1]!, Number(m[2]));
  return stages;
}

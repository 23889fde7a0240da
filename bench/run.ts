/**
 * `npm run bench`: the matrix of workloads x {fast scanner, fast-csv, DuckDB} in one run (STYLE.md
 * item 9, after better-sqlite3's trials x drivers), each in its own child process:
 *
 *   fast         instacart run --full, default parser, workers = cores, fresh store
 *   fast-csv     the same with --parser fast-csv
 *   duckdb       DuckDB computing the same Q1-Q4 from the same CSVs, checked against fast's exports
 *   pairs        DuckDB computing the same pairs bought together (aisles, departments, products above
 *                the threshold) from the same CSVs, checked against fast's pair exports; timed against
 *                fast's own pairs span (from the baskets to the tables, `--timing`)
 *   incremental  in a scratch copy: full run, rerun with nothing new, rerun after +1% lines, and a full
 *                run over the grown data whose exports the incremental ones must equal
 *
 * Then a table on stdout, JSON in .bench-cache/results-<date>.json and a Markdown snippet for the README.
 * Missed targets print FAIL; the exit code is 0 unless the bench itself could not run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAgainstReference, compareExportDirs, type CheckResult } from './compare.js';
import { checkPairs } from './compare-pairs.js';
import type { PairsReference } from './pairs-reference.js';
import { defaultConfig } from '../src/config/index.js';
import { ensureDataset, warmPageCache } from './data-cache.js';
import { referenceSqlText } from './duckdb-queries.js';
import { runIncremental, type IncrementalResult } from './incremental.js';
import { describeSummary, runInstacart, stageSeconds, type InstacartRun } from './instacart-run.js';
import { describeMachine, waitForQuiet, type QuietCheck } from './machine.js';
import { kNoisyCores, measureNode, pickRun, type ProcessMeasurement } from './measure.js';
import { kBenchUsage, parseBenchOptions, type BenchOptions } from './options.js';
import type { ReferenceResults } from './reference.js';
import { formatMarkdown, formatText, type BenchReport, type WorkloadRow } from './report.js';
import { judgeTargets } from './targets.js';

/** dist/bench/run.js -> the project root (two levels up). */
const kProjectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kCacheDir = join(kProjectRoot, '.bench-cache');

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${kBenchUsage}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(kBenchUsage);
    return;
  }
  const startedAt = new Date();
  const selected = (w: BenchOptions['only'][number]): boolean => options.only.includes(w);
  const machine = describeMachine();
  const code = describeCode();

  const dataset = await ensureDataset(kProjectRoot, options.scale, options.seed, log);
  const dataFiles = Object.keys(dataset.manifest.files).map((f) => join(dataset.dir, f));
  const warmed = await warmPageCache(dataFiles);
  log(`data: ${(warmed / 1024 ** 2).toFixed(0)} MB read once to warm the page cache`);

  const runsDir = join(kCacheDir, 'runs');
  const beforeRun = async (): Promise<QuietCheck> => {
    const quiet = await waitForQuiet(options.quietWait);
    if (quiet.coresBusyBefore >= 0.3) log(`machine still busy (${quiet.coresBusyBefore.toFixed(2)} cores used by others) after waiting ${quiet.waitedSeconds.toFixed(0)} s; running anyway`);
    else if (quiet.waitedSeconds >= 1) log(`waited ${quiet.waitedSeconds.toFixed(0)} s for the machine to go quiet`);
    return quiet;
  };
  /**
   * One timed run of a stateless workload (fresh output, nothing carried over). When other processes
   * took the CPU during it (>= kNoisyCores on average) it simply runs again, up to options.retries more
   * times. Returns every run; pickRun chooses the one to report.
   */
  const runQuietly = async <T extends { measurement: ProcessMeasurement }>(label: string, attempt: () => Promise<T>): Promise<Array<T & { quiet: QuietCheck }>> => {
    const tries: Array<T & { quiet: QuietCheck }> = [];
    for (let k = 0; k <= options.retries; k++) {
      const quiet = await beforeRun();
      log(`run: ${label}${k > 0 ? ` (attempt ${k + 1}: the last one shared the CPU)` : ''}`);
      let value: T;
      try {
        value = await attempt();
      } catch (error) {
        // Other engineers rebuild dist/ while the bench runs: a retry may meet a broken build. Keep
        // the run already measured rather than lose it.
        if (tries.length === 0) throw error;
        log(`     attempt ${k + 1} failed, keeping attempt ${k}: ${firstLine(error)}`);
        break;
      }
      const m = value.measurement;
      log(`     ${m.wallSeconds.toFixed(2)} s, ${(m.peakRssBytes / 1024 ** 2).toFixed(0)} MB, other processes ${(m.otherCoresBusy ?? 0).toFixed(2)} cores`);
      tries.push({ ...value, quiet });
      if ((m.otherCoresBusy ?? 0) < kNoisyCores) break;
    }
    return tries;
  };
  const instacartAttempt = (out: string, parser: 'fast' | 'fast-csv') => async (): Promise<{ run: InstacartRun; measurement: ProcessMeasurement }> => {
    rmSync(out, { recursive: true, force: true });
    const run = await runInstacart({ projectRoot: kProjectRoot, dataDir: dataset.dir, outDir: out, full: true, parser, workers: options.workers, timing: parser === 'fast' });
    return { run, measurement: run.measurement };
  };
  const duckdbDir = join(runsDir, 'duckdb');
  const duckdbAttempt = async (): Promise<{ result: ReferenceResults; measurement: ProcessMeasurement }> => {
    const resultPath = join(duckdbDir, 'reference.json');
    rmSync(duckdbDir, { recursive: true, force: true });
    mkdirSync(duckdbDir, { recursive: true });
    const measurement = await measureNode([join(kProjectRoot, 'dist/bench/duckdb-child.js'), dataset.dir, resultPath], { cwd: kProjectRoot });
    if (measurement.exitCode !== 0) throw new Error(`the DuckDB child failed (exit ${measurement.exitCode ?? measurement.signal}):\n${measurement.stderr.slice(-4000)}`);
    return { measurement, result: JSON.parse(readFileSync(resultPath, 'utf8')) as ReferenceResults };
  };

  const workersLabel = `${options.workers ?? machine.cores} workers`;
  /** A workload that fails is reported as failed; the others still run and are reported. */
  const failures: Array<{ id: string; error: string }> = [];
  const guarded = async <T>(id: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      failures.push({ id, error: error instanceof Error ? error.message : String(error) });
      log(`${id} FAILED: ${firstLine(error)}`);
      return undefined;
    }
  };
  const failed = (id: string): boolean => failures.some((f) => f.id === id);

  // fast and DuckDB alternate when repeated, so drifting machine noise hits both alike.
  const fastOut = join(runsDir, 'fast');
  const fastRuns: Array<{ run: InstacartRun; measurement: ProcessMeasurement; quiet: QuietCheck }> = [];
  const duckdbRuns: Array<{ result: ReferenceResults; measurement: ProcessMeasurement; quiet: QuietCheck }> = [];
  for (let r = 0; r < options.repeat; r++) {
    const tag = options.repeat > 1 ? ` [${r + 1}/${options.repeat}]` : '';
    if (selected('fast') && !failed('fast')) fastRuns.push(...((await guarded('fast', () => runQuietly(`instacart run --full (fast scanner, ${workersLabel})${tag}`, instacartAttempt(fastOut, 'fast')))) ?? []));
    if (selected('duckdb') && !failed('duckdb')) duckdbRuns.push(...((await guarded('duckdb', () => runQuietly(`DuckDB, Q1-Q4 from the same CSV files${tag}`, duckdbAttempt))) ?? []));
  }
  const fast = fastRuns.length === 0 ? undefined : { ...pickRun(fastRuns, (r) => r.measurement), out: fastOut, attempts: fastRuns.map((x) => x.measurement) };
  const duckdb = duckdbRuns.length === 0 ? undefined : { ...pickRun(duckdbRuns, (r) => r.measurement), attempts: duckdbRuns.map((x) => x.measurement) };

  // DuckDB's pairs bought together, from the same CSVs, at the default threshold (the fast run's).
  const pairsDir = join(runsDir, 'duckdb-pairs');
  const linesFiles = Object.keys(dataset.manifest.files).filter((f) => f.startsWith('order_products'));
  const pairsRuns = !selected('pairs') ? [] : ((await guarded('pairs', () => runQuietly(`DuckDB, pairs bought together (at least ${defaultConfig.minPairOrders} orders) from the same CSV files`, async () => {
    const resultPath = join(pairsDir, 'pairs.json');
    rmSync(pairsDir, { recursive: true, force: true });
    mkdirSync(pairsDir, { recursive: true });
    const measurement = await measureNode([join(kProjectRoot, 'dist/bench/pairs-child.js'), dataset.dir, String(defaultConfig.minPairOrders), resultPath, ...linesFiles], { cwd: kProjectRoot });
    if (measurement.exitCode !== 0) throw new Error(`the DuckDB pairs child failed (exit ${measurement.exitCode ?? measurement.signal}):\n${measurement.stderr.slice(-4000)}`);
    return { measurement, result: JSON.parse(readFileSync(resultPath, 'utf8')) as PairsReference };
  }))) ?? []);
  const duckdbPairs = pairsRuns.length === 0 ? undefined : pickRun(pairsRuns, (r) => r.measurement);
  const fastPairsSeconds = fast === undefined ? undefined : stageSeconds(fast.run.measurement.stderr).get('pairs: from the baskets to the tables, beside derive');

  // The report stage on its own: `instacart report` rebuilds the workbook and report.html from the fast
  // run's store (in the run itself it works on a thread beside the commit and the CSVs).
  const reportRuns = fast === undefined ? [] : ((await guarded('report', () => runQuietly('instacart report (workbook and report.html from the store)', async () => {
    const measurement = await measureNode([join(kProjectRoot, 'dist/src/cli/main.js'), 'report', '--out', fastOut], { cwd: kProjectRoot });
    if (measurement.exitCode !== 0) throw new Error(`instacart report failed: ${measurement.stderr.slice(-2000)}`);
    return { measurement };
  }))) ?? []);
  const reportOnly = reportRuns.length === 0 ? undefined : pickRun(reportRuns, (r) => r.measurement);

  const fastCsvOut = join(runsDir, 'fast-csv');
  const fastCsvRuns = !selected('fast-csv') ? [] : ((await guarded('fast-csv', () => runQuietly(`instacart run --full --parser fast-csv (${workersLabel})`, instacartAttempt(fastCsvOut, 'fast-csv')))) ?? []);
  const fastCsv = fastCsvRuns.length === 0 ? undefined : { ...pickRun(fastCsvRuns, (r) => r.measurement), out: fastCsvOut, attempts: fastCsvRuns.map((x) => x.measurement) };

  const incremental: IncrementalResult | undefined = !selected('incremental') ? undefined : await guarded('incremental', async () => {
    const lineRows = Object.entries(dataset.manifest.files).filter(([n]) => n === 'order_products__prior.csv').reduce((s, [, f]) => s + f.rows, 0);
    const result = await runIncremental({
      projectRoot: kProjectRoot,
      sourceDir: dataset.dir,
      workDir: join(kCacheDir, 'scratch'),
      workers: options.workers,
      appendLines: Math.round(lineRows * 0.01),
      seed: options.seed,
      beforeRun,
      log,
    });
    if (!options.keepScratch) rmSync(result.scratchDataDir, { recursive: true, force: true });
    return result;
  });

  // Checks: is every workload doing the same work?
  const checks: CheckResult[] = [];
  const baseline = fast ?? fastCsv;
  if (duckdb !== undefined && baseline !== undefined) {
    const check = checkAgainstReference(join(baseline.out, 'csv'), duckdb.result);
    check.name = `DuckDB reference vs instacart exports (${baseline === fast ? 'fast' : 'fast-csv'} run)`;
    checks.push(check);
    const accepted = baseline.run.summary.linesAccepted;
    const linesOk = accepted === duckdb.result.linesJoined;
    checks.push({
      name: 'order lines: instacart accepted vs DuckDB joined',
      ok: linesOk,
      summary: `${accepted?.toLocaleString('en-US') ?? '?'} vs ${duckdb.result.linesJoined.toLocaleString('en-US')}`,
      differences: linesOk ? [] : [`instacart accepted ${accepted ?? '?'} lines (read ${baseline.run.summary.linesRead ?? '?'}), DuckDB joined ${duckdb.result.linesJoined}`],
    });
  }
  if (duckdb !== undefined && baseline === undefined) log('DuckDB ran without an instacart run to check it against (add fast to --only)');
  if (duckdbPairs !== undefined && fast !== undefined) checks.push(checkPairs(join(fast.out, 'csv'), duckdbPairs.result, defaultConfig.pairTopN));
  if (fast !== undefined && fastCsv !== undefined) checks.push(compareExportDirs('fast-csv exports vs fast exports', join(fast.out, 'csv'), join(fastCsv.out, 'csv')));
  if (incremental !== undefined) checks.push(incremental.exportsCheck);

  const rows: WorkloadRow[] = [];
  const row = (id: string, label: string, command: string, m: ProcessMeasurement, quiet: QuietCheck, extra: Pick<WorkloadRow, 'ratio' | 'note' | 'attempts'>): WorkloadRow => ({
    id,
    label,
    command,
    wallSeconds: m.wallSeconds,
    peakRssBytes: m.peakRssBytes,
    peakRssSource: m.peakRssSource,
    cpuSeconds: m.cpuSeconds,
    otherCoresBusy: m.otherCoresBusy,
    quiet,
    ...extra,
    ...(extra.attempts !== undefined && extra.attempts.length > 1 ? {} : { attempts: undefined }),
    ...(m.stderr.trim() !== '' ? { stderrTail: m.stderr.slice(-2000) } : {}),
  });
  const attemptsOf = (list: ProcessMeasurement[]): WorkloadRow['attempts'] => list.map((a) => ({ wallSeconds: a.wallSeconds, peakRssBytes: a.peakRssBytes, otherCoresBusy: a.otherCoresBusy }));
  if (fast !== undefined) {
    rows.push(row('fast', 'instacart run --full', fast.run.command, fast.run.measurement, fast.quiet, {
      ...(duckdb !== undefined ? { ratio: { value: fast.run.measurement.wallSeconds / duckdb.measurement.wallSeconds, versus: 'DuckDB' } } : {}),
      note: `default parser, ${workersLabel}; ${describeSummary(fast.run.summary)}`,
      attempts: attemptsOf(fast.attempts),
    }));
  }
  if (fast !== undefined && reportOnly !== undefined) {
    const stages = stageSeconds(fast.run.measurement.stderr);
    const wait = stages.get('report: waited for the report thread');
    const size = (file: string): string => `${(statSync(join(fastOut, file)).size / 1024 ** 2).toFixed(2)} MB`;
    rows.push(row('report', 'instacart report (workbook and page from the store)', `instacart report --out ${relative(kProjectRoot, fastOut)}`, reportOnly.measurement, reportOnly.quiet, {
      ratio: { value: reportOnly.measurement.wallSeconds / fast.run.measurement.wallSeconds, versus: 'fast' },
      note: `the report stage alone; in the full run it works on a thread beside the commit and the CSVs, and the run waited ${wait === undefined ? '?' : `${wait.toFixed(2)} s`} for it; report.html ${size('report.html')}, instacart_report.xlsx ${size('instacart_report.xlsx')}`,
    }));
  }
  if (fastCsv !== undefined) {
    rows.push(row('fast-csv', 'instacart run --full --parser fast-csv', fastCsv.run.command, fastCsv.run.measurement, fastCsv.quiet, {
      ...(fast !== undefined ? { ratio: { value: fastCsv.run.measurement.wallSeconds / fast.run.measurement.wallSeconds, versus: 'fast' } } : {}),
      note: `${rate(fastCsv.run)} order lines/s (no target)`,
      attempts: attemptsOf(fastCsv.attempts),
    }));
  }
  if (duckdb !== undefined) {
    rows.push(row('duckdb', 'DuckDB: same Q1-Q4 from the same CSVs', 'node dist/bench/duckdb-child.js <data> <result.json>', duckdb.measurement, duckdb.quiet, {
      note: `DuckDB ${duckdb.result.duckdbVersion}, ${duckdb.result.threads} threads, in-memory; all results in JS ${duckdb.result.materializedAtSeconds.toFixed(2)} s after its start`,
      attempts: attemptsOf(duckdb.attempts),
    }));
  }
  if (duckdbPairs !== undefined) {
    const steps = duckdbPairs.result.steps.map((st) => `${st.name} at ${st.atSeconds.toFixed(1)} s`).join(', ');
    rows.push(row('duckdb-pairs', 'DuckDB: same pairs bought together from the same CSVs', `node dist/bench/pairs-child.js <data> ${defaultConfig.minPairOrders} <result.json> <lines files>`, duckdbPairs.measurement, duckdbPairs.quiet, {
      ...(fastPairsSeconds !== undefined ? { ratio: { value: fastPairsSeconds / duckdbPairs.measurement.wallSeconds, versus: 'DuckDB pairs (fast run\'s pairs span)' } } : {}),
      note: `fast's pairs, from the baskets to the tables (beside derive): ${fastPairsSeconds?.toFixed(2) ?? '?'} s; DuckDB: ${steps}`,
    }));
  }
  if (incremental !== undefined) {
    const full = incremental.full.run.measurement.wallSeconds;
    const versusFull = (s: number): WorkloadRow['ratio'] => ({ value: s / full, versus: 'full run' });
    const i = incremental;
    rows.push(row('incr-full', 'incremental 1: full run (scratch copy)', i.full.run.command, i.full.run.measurement, i.full.quiet, { note: describeSummary(i.full.run.summary) }));
    rows.push(row('incr-nothing-new', 'incremental 2: rerun, nothing new', i.nothingNew.run.command, i.nothingNew.run.measurement, i.nothingNew.quiet, { ratio: { value: i.nothingNew.run.measurement.wallSeconds / i.nodeStart.wallSeconds, versus: 'node -e 0' }, note: `median of ${i.nothingNewRuns.length}; node -e 0 took ${i.nodeStart.wallSeconds.toFixed(3)} s beside them; ${describeSummary(i.nothingNew.run.summary)}`, attempts: attemptsOf(i.nothingNewRuns.map((x) => x.run.measurement)) }));
    rows.push(row('incr-appended', 'incremental 3: rerun after +1% lines', i.appended.run.command, i.appended.run.measurement, i.appended.quiet, { ratio: versusFull(i.appended.run.measurement.wallSeconds), note: `median of ${i.appendedRuns.length}; ${describeSummary(i.appended.run.summary)}`, attempts: attemptsOf(i.appendedRuns.map((x) => x.run.measurement)) }));
    rows.push(row('incr-full-check', 'incremental 4: full run over grown data', i.fullAfterAppend.run.command, i.fullAfterAppend.run.measurement, i.fullAfterAppend.quiet, { ratio: versusFull(i.fullAfterAppend.run.measurement.wallSeconds), note: 'reference for the rerun exports' }));
  }

  const targets = judgeTargets({
    ...(fast !== undefined ? { fastSeconds: fast.run.measurement.wallSeconds, fastPeakRssBytes: fast.run.measurement.peakRssBytes } : {}),
    ...(duckdb !== undefined ? { duckdbSeconds: duckdb.measurement.wallSeconds } : {}),
    ...(fastPairsSeconds !== undefined && duckdbPairs !== undefined ? { pairsSeconds: fastPairsSeconds, duckdbPairsSeconds: duckdbPairs.measurement.wallSeconds } : {}),
    ...(incremental !== undefined
      ? {
          incrementalFullSeconds: incremental.full.run.measurement.wallSeconds,
          nothingNewSeconds: incremental.nothingNew.run.measurement.wallSeconds,
          nodeStartSeconds: incremental.nodeStart.wallSeconds,
          appendedSeconds: incremental.appended.run.measurement.wallSeconds,
        }
      : {}),
  });

  const report: BenchReport = {
    startedAt: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
    machine,
    duckdbVersion: duckdb?.result.duckdbVersion,
    duckdbThreads: duckdb?.result.threads,
    code,
    options: { ...options },
    dataset: {
      dir: relative(kProjectRoot, dataset.dir),
      scale: dataset.manifest.scale,
      seed: dataset.manifest.seed,
      generatorVersion: dataset.manifest.generatorVersion,
      generatedSeconds: dataset.generated ? dataset.generateSeconds : undefined,
      files: dataset.manifest.files,
    },
    rows,
    failures,
    targets,
    checks,
    ...(duckdb !== undefined ? { duckdbSteps: duckdb.result.steps, duckdbSql: referenceSqlText() } : {}),
    ...(incremental !== undefined ? { append: incremental.append } : {}),
  };
  mkdirSync(kCacheDir, { recursive: true });
  const jsonPath = join(kCacheDir, `results-${report.startedAt.replaceAll(':', '-')}.json`);
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(formatText(report, relative(kProjectRoot, jsonPath)));
  process.stdout.write(`\nMarkdown for the README's Benchmark section:\n\n${formatMarkdown(report)}`);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 2).join(' | ');
}

/** Order lines per second of wall time, for the fast-csv row. */
function rate(run: InstacartRun): string {
  const lines = run.summary.linesRead;
  return lines === undefined ? '?' : `${((lines / run.measurement.wallSeconds) / 1e6).toFixed(2)}M`;
}

/** The commit benchmarked, and whether the tree had uncommitted changes (others edit src/ meanwhile). */
function describeCode(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: kProjectRoot, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: kProjectRoot, encoding: 'utf8' });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

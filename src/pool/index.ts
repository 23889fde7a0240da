/**
 * The worker pool (piscina) and the running of ingest tasks with progress. Each task reports bytes and
 * rows read into a SharedArrayBuffer slot; the main thread polls it for the progress bar. Tasks come back
 * in submission order, whatever order they finish in.
 *
 * The overlap of main-thread work with worker reads is explicit: `post` posts the tasks before it
 * returns a `PendingRead`, and the caller does its own work before `result()`. Reads small enough to run
 * inline are run by `result()` on the main thread instead (starting threads would cost more).
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { EtlError } from '../errors/index.js';
import { startProgress, type Progress } from '../progress/index.js';
import type { IngestTask, PairsResult, PairsTask, ResultOf, TaskFailure, TaskSpec } from '../../workers/protocol.js';

/**
 * Reads up to this many bytes run on the main thread: starting the worker threads takes about 0.1-0.2 s
 * on the benchmark machine, longer than scanning 16 MB (about 0.9M order lines) on one core.
 */
export const kInlineBytes = 16 << 20;

/** Tasks posted to the pool (or queued to run inline); `result()` gives their results in task order. */
export interface PendingRead<R> {
  result(): Promise<R[]>;
}

type Kind = TaskSpec['kind'];
type SpecOf<K extends Kind> = Extract<TaskSpec, { kind: K }>;
type Outcome<K extends Kind> = ResultOf[K] | TaskFailure;

interface Reading {
  label: string;
  view: Float64Array;
  totalBytes: number;
}

export class WorkerPool {
  private pool: Piscina | undefined;

  constructor(
    readonly threads: number = availableParallelism(),
    /** Reads of at most this many bytes (and no gzip) run on the main thread; 0 always uses threads. */
    private readonly inlineBytes = kInlineBytes,
  ) {
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new EtlError('USAGE', `--workers must be an integer from 1 to 256, got ${threads}`);
  }

  /** True when a read of `bytes` (plain files) would use the threads. */
  usesThreads(bytes: number, gzip = false): boolean {
    return gzip || bytes > this.inlineBytes;
  }

  /** Start the threads (they boot while the main thread does other work); `post` needs them for big reads. */
  async start(): Promise<void> {
    if (this.pool !== undefined) return;
    const { Piscina } = await import('piscina');
    this.pool = new Piscina({
      filename: new URL('../../workers/ingest-task.js', import.meta.url).href,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: 60_000,
    });
  }

  /**
   * Post `tasks` now (or queue them to run inline when small) and return their pending results. `label`
   * and the bytes feed the progress bar. A failed task fails `result()` with an EtlError naming the file
   * and, when the tasks before it succeeded, the line (`rowsBefore` = rows before the first task).
   */
  post<K extends Kind>(tasks: SpecOf<K>[], label: string, rowsBefore: number): PendingRead<ResultOf[K]> {
    if (tasks.length === 0) return { result: () => Promise.resolve([]) };
    const progress = new SharedArrayBuffer(16 * tasks.length);
    const totalBytes = tasks.reduce((sum, task) => sum + (task.gzip ? 0 : task.end - task.start), 0);
    const withSlots = tasks.map((task, slot) => ({ ...task, progress, slot }));
    const reading: Reading = { label, view: new Float64Array(progress), totalBytes };
    const inline = !this.usesThreads(totalBytes, tasks.some((task) => task.gzip));
    if (!inline && this.pool === undefined) throw new EtlError('INTERNAL', `${label}: the worker pool was not started before a read of ${totalBytes} bytes`);
    this.track(reading);
    const pool = this.pool;
    const running = inline ? undefined : withSlots.map((task) => pool!.run(task) as Promise<Outcome<K>>);
    running?.forEach((p) => p.catch(() => {})); // rethrown by result(); never unhandled meanwhile
    const outcomes = async (): Promise<Outcome<K>[]> => (running === undefined ? runInline<K>(withSlots) : Promise.all(running));
    let settled: Promise<ResultOf[K][]> | undefined;
    return {
      result: () =>
        (settled ??= outcomes()
          .then((all) => checked(all, tasks, rowsBefore))
          .finally(() => this.untrack(reading))),
    };
  }

  /**
   * Count tasks (not reads: no progress bar), on the threads when they are started, else one after the
   * other on this thread. Their baskets should be in shared memory: a task's arguments are copied.
   */
  async count(tasks: PairsTask[]): Promise<PairsResult[]> {
    const pool = this.pool;
    if (pool === undefined) {
      const { runPairsTask } = await import('../../workers/index.js');
      return tasks.map((task) => runPairsTask(task).result);
    }
    return Promise.all(tasks.map((task) => pool.run(task) as Promise<PairsResult>));
  }

  /** Reads under way: one progress bar for all of them (several files' tasks can run at once). */
  private readonly reading = new Set<Reading>();
  private bar: { progress: Progress; timer: NodeJS.Timeout } | undefined;

  private track(reading: Reading): void {
    this.reading.add(reading);
    if (this.bar !== undefined) return;
    const total = (): number => [...this.reading].reduce((sum, r) => sum + r.totalBytes, 0);
    const progress = startProgress('ingest', total());
    const timer = setInterval(() => {
      let bytes = 0;
      let rows = 0;
      for (const r of this.reading) {
        for (let k = 0; k < r.view.length; k += 2) {
          bytes += r.view[k]!;
          rows += r.view[k + 1]!;
        }
      }
      progress.update(bytes, rows, total());
    }, 200);
    this.bar = { progress, timer };
  }

  private untrack(reading: Reading): void {
    this.reading.delete(reading);
    if (this.reading.size > 0 || this.bar === undefined) return;
    clearInterval(this.bar.timer);
    this.bar.progress.stop();
    this.bar = undefined;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}

/** A small read (an appended range, a test file), one task after the other on this thread. */
async function runInline<K extends Kind>(tasks: (SpecOf<K> & { progress: SharedArrayBuffer; slot: number })[]): Promise<Outcome<K>[]> {
  const { runIngest } = await import('../../workers/index.js');
  const outcomes: Outcome<K>[] = [];
  for (const task of tasks) outcomes.push((await runIngest(task as IngestTask)).result as Outcome<K>);
  return outcomes;
}

/** The results, or an EtlError for the first failed task (with its line when the rows before it are known). */
function checked<K extends Kind>(outcomes: Outcome<K>[], tasks: SpecOf<K>[], rowsBefore: number): ResultOf[K][] {
  let rows = rowsBefore;
  return outcomes.map((outcome, k) => {
    if (isFailure(outcome)) {
      const file = tasks[k]!.displayName;
      throw new EtlError(outcome.code, outcome.message, outcome.row === undefined ? { file } : { file, line: rows + outcome.row + 1 });
    }
    rows += outcome.rows;
    return outcome;
  });
}

function isFailure(outcome: { kind: string }): outcome is TaskFailure {
  return outcome.kind === 'failure';
}

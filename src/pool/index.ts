/**
 * The worker pool (piscina) and the running of ingest tasks with progress. Each task reports bytes and
 * rows read into a SharedArrayBuffer slot; the main thread, idle while workers run, polls it for the
 * progress bar. Tasks come back in submission order, whatever order they finish in.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { EtlError } from '../errors/index.js';
import { startProgress, type Progress } from '../progress/index.js';
import type { IngestResult, IngestTask } from '../../workers/protocol.js';
import type { TaskFailure } from '../../workers/ingest.js';

export type TaskSpec = Omit<IngestTask, 'progress' | 'slot'> & { kind: IngestTask['kind'] };

/**
 * Reads up to this many bytes run on the main thread: starting the worker threads takes about 0.1-0.2 s
 * on the benchmark machine, longer than scanning 16 MB (about 0.9M order lines) on one core.
 */
export const kInlineBytes = 16 << 20;

export class WorkerPool {
  private pool: Piscina | undefined;

  constructor(
    readonly threads: number = availableParallelism(),
    /** Reads of at most this many bytes (and no gzip) run on the main thread; 0 always uses threads. */
    private readonly inlineBytes = kInlineBytes,
  ) {
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new EtlError('USAGE', `--workers must be an integer from 1 to 256, got ${threads}`);
  }

  /** Start the threads now (they boot while the main thread does other work). */
  async start(): Promise<void> {
    await this.piscina();
  }

  /** Started on first use (and piscina loaded then): a run with nothing new never pays for it. */
  private async piscina(): Promise<Piscina> {
    if (this.pool === undefined) {
      const { Piscina } = await import('piscina');
      this.pool = new Piscina({
        filename: new URL('../../workers/ingest-task.js', import.meta.url).href,
        minThreads: this.threads,
        maxThreads: this.threads,
        idleTimeout: 60_000,
      });
    }
    return this.pool;
  }

  /**
   * Run tasks (at most `threads` at once) and return their results in task order. `label` and the
   * total bytes feed the progress bar. A failed task fails the whole call with an EtlError naming the file
   * and, when the tasks before it succeeded, the line (`rowsBefore` = rows before the first task).
   * With the pool started, the tasks are posted synchronously, so the caller can do main-thread work
   * while they run and await the result afterwards.
   */
  async run(tasks: TaskSpec[], label: string, rowsBefore: number): Promise<IngestResult[]> {
    if (tasks.length === 0) return [];
    const progress = new SharedArrayBuffer(16 * tasks.length);
    const totalBytes = tasks.reduce((sum, task) => sum + (task.gzip ? 0 : task.end - task.start), 0);
    const reading = { label, view: new Float64Array(progress), totalBytes };
    this.track(reading);
    try {
      let outcomes: (IngestResult | TaskFailure)[];
      if (totalBytes <= this.inlineBytes && tasks.every((task) => !task.gzip)) {
        // A small read (an appended range, a test file): starting threads would cost more than it saves.
        const { runIngest } = await import('../../workers/ingest.js');
        outcomes = [];
        for (const [slot, task] of tasks.entries()) outcomes.push((await runIngest({ ...task, progress, slot } as IngestTask)).result);
      } else {
        // No await when the pool is up: the tasks are posted before this call returns its promise.
        const pool = this.pool ?? (await this.piscina());
        outcomes = await Promise.all(tasks.map((task, slot) => pool.run({ ...task, progress, slot }) as Promise<IngestResult | TaskFailure>));
      }
      let rows: number | undefined = rowsBefore;
      return outcomes.map((outcome, k) => {
        if (outcome.kind !== 'failure') {
          if (rows !== undefined) rows += outcome.rows;
          return outcome;
        }
        const task = tasks[k]!;
        const line = outcome.row === undefined || rows === undefined ? undefined : rows + outcome.row + 1;
        throw new EtlError(outcome.code, outcome.message, line === undefined ? { file: task.displayName } : { file: task.displayName, line });
      });
    } finally {
      this.untrack(reading);
    }
  }

  /** Reads under way: one progress bar for all of them (several files' tasks can run at once). */
  private readonly reading = new Set<{ label: string; view: Float64Array; totalBytes: number }>();
  private bar: { progress: Progress; timer: NodeJS.Timeout } | undefined;

  private track(reading: { label: string; view: Float64Array; totalBytes: number }): void {
    this.reading.add(reading);
    if (this.bar !== undefined) return;
    const total = (): number => [...this.reading].reduce((sum, r) => sum + r.totalBytes, 0);
    const progress = startProgress('ingest', total());
    const timer = setInterval(() => {
      let bytes = 0;
      let rows = 0;
      for (const r of this.reading) for (let k = 0; k < r.view.length; k += 2) {
        bytes += r.view[k]!;
        rows += r.view[k + 1]!;
      }
      progress.update(bytes, rows, total());
    }, 200);
    this.bar = { progress, timer };
  }

  private untrack(reading: { label: string; view: Float64Array; totalBytes: number }): void {
    this.reading.delete(reading);
    if (this.reading.size > 0 || this.bar === undefined) return;
    clearInterval(this.bar.timer);
    this.bar.progress.stop();
    this.bar = undefined;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

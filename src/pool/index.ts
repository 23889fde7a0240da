/**
 * The worker pool (piscina) and the running of ingest tasks with progress. Each task reports bytes and
 * rows read into a SharedArrayBuffer slot; the main thread, idle while workers run, polls it for the
 * progress bar. Tasks come back in submission order, whatever order they finish in.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { EtlError } from '../errors/index.js';
import { startProgress } from '../progress/index.js';
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
   */
  async run(tasks: TaskSpec[], label: string, rowsBefore: number): Promise<IngestResult[]> {
    if (tasks.length === 0) return [];
    const progress = new SharedArrayBuffer(16 * tasks.length);
    const view = new Float64Array(progress);
    const totalBytes = tasks.reduce((sum, task) => sum + (task.gzip ? 0 : task.end - task.start), 0);
    const bar = startProgress(label, totalBytes);
    const timer = setInterval(() => {
      let bytes = 0;
      let rows = 0;
      for (let k = 0; k < tasks.length; k++) {
        bytes += view[2 * k]!;
        rows += view[2 * k + 1]!;
      }
      bar.update(bytes, rows);
    }, 200);
    try {
      let outcomes: (IngestResult | TaskFailure)[];
      if (totalBytes <= this.inlineBytes && tasks.every((task) => !task.gzip)) {
        // A small read (an appended range, a test file): starting threads would cost more than it saves.
        const { runIngest } = await import('../../workers/ingest.js');
        outcomes = [];
        for (const [slot, task] of tasks.entries()) outcomes.push((await runIngest({ ...task, progress, slot } as IngestTask)).result);
      } else {
        const pool = await this.piscina();
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
      clearInterval(timer);
      bar.stop();
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

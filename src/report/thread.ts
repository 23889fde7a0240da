/**
 * The run's handle on the report thread (thread-entry.ts): started when a run has work to do,
 * it loads the chart and workbook libraries and draws the first charts while the main thread derives,
 * commits and exports; `build` then waits for the whole report. On two cores this takes the report's
 * library loading and most of its drawing off the run's critical path.
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/index.js';
import { EtlError } from '../errors/index.js';
import type { Table } from '../summaries/table.js';
import type { Findings } from './findings.js';
import type { Report } from './index.js';

/** What the main thread asks the report thread: draw the charts of these tables ahead, or build the report. */
export type ReportRequest = { kind: 'draw ahead'; tables: Table[] } | { kind: 'build'; tables: Table[]; config: Config };

/** One step of the report thread: seconds from the thread's creation to its start and end. */
export interface ReportStep {
  step: string;
  from: number;
  to: number;
}

/** The report thread's answer to `build`. */
export type ReportReply =
  | {
      kind: 'built';
      findings: Findings;
      html: string;
      workbook: Uint8Array;
      /** The thread's steps, in order (`--timing`). */
      steps: ReportStep[];
    }
  | { kind: 'failed'; message: string };

export class ReportThread {
  private readonly worker: Worker;
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(new URL('./thread-entry.js', import.meta.url), { workerData: { createdAt: performance.timeOrigin + performance.now() } });
    // An error before `build` is kept and reported by `build`.
    this.worker.on('error', (error) => (this.failure = error));
  }

  /** Draw the charts these tables allow, ahead of the report. */
  drawAhead(tables: readonly Table[]): void {
    this.post({ kind: 'draw ahead', tables: [...tables] });
  }

  /** The whole report, built on the thread; `log` gets the thread's step times (`--timing`). */
  build(tables: readonly Table[], config: Config, log?: (line: string) => void): Promise<Report> {
    if (this.failure !== undefined) return Promise.reject(this.reportError(this.failure.message));
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(this.reportError(error.message));
      this.worker.once('error', onError);
      this.worker.once('message', (reply: ReportReply) => {
        this.worker.off('error', onError);
        if (reply.kind === 'failed') return reject(this.reportError(reply.message));
        if (log !== undefined) {
          for (const { step, from, to } of reply.steps) log(`[timing] report thread: ${step}: ${(to - from).toFixed(3)} s (from ${from.toFixed(2)} to ${to.toFixed(2)} s after the run started it)`);
        }
        resolve({ findings: reply.findings, html: reply.html, workbook: Buffer.from(reply.workbook.buffer, reply.workbook.byteOffset, reply.workbook.byteLength) });
      });
      this.post({ kind: 'build', tables: [...tables], config });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private post(request: ReportRequest): void {
    this.worker.postMessage(request);
  }

  private reportError(message: string): EtlError {
    return new EtlError('REPORT', `the report could not be built (the store and CSV exports are written; \`instacart report\` retries): ${message.split('\n')[0]}`);
  }
}

/**
 * The report thread's entry (a worker_threads file, kept beside the report code it runs rather than in
 * workers/, whose ingest protocol the summaries import: the folders stay free of cycles). It builds the
 * workbook and report.html off the main thread, so that loading the chart and workbook libraries and
 * drawing the charts overlap the run's own work (deriving the segments, committing the store, writing
 * the CSVs). It warms up as it starts, draws the charts of the first tables it is sent, and builds the
 * whole report on request; its reply says how long each step took (`--timing`). Messages: see
 * `ReportRequest`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildReport, drawAhead, warmUp } from './index.js';
import type { ReportReply, ReportRequest, ReportStep } from './thread.js';

const port = parentPort!;
/** When the run created this thread (epoch milliseconds; see `ReportThread`). */
const created = (workerData as { createdAt: number }).createdAt;
/** Seconds since the thread was created. */
const since = (): number => (performance.timeOrigin + performance.now() - created) / 1000;
/** The steps so far, for the reply. */
const steps: ReportStep[] = [];
const timed = async (step: string, work: () => Promise<unknown>): Promise<void> => {
  const from = since();
  await work();
  steps.push({ step, from, to: since() });
};
// Requests are served in order, each after the one before (and after the warm-up).
let queue: Promise<void> = timed('load libraries, rehearse', warmUp);

port.on('message', (request: ReportRequest) => {
  queue = queue.then(() => serve(request));
});

async function serve(request: ReportRequest): Promise<void> {
  try {
    if (request.kind === 'draw ahead') {
      await timed('draw charts ahead', () => drawAhead(request.tables));
      return;
    }
    let from = since();
    const report = await buildReport({ tables: request.tables, config: request.config }, (step) => {
      steps.push({ step, from, to: since() });
      from = since();
    });
    const reply: ReportReply = { kind: 'built', findings: report.findings, html: report.html, workbook: report.workbook, steps };
    port.postMessage(reply);
  } catch (error) {
    const reply: ReportReply = { kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
}

/**
 * The report thread's entry (a worker_threads file, kept beside the report code it runs rather than in
 * workers/, whose ingest protocol the summaries import: the folders stay free of cycles). It builds the
 * workbook and report.html off the main thread, so that loading the chart and workbook libraries and
 * drawing the charts overlap the run's own work (deriving the segments, committing the store, writing
 * the CSVs). It warms up as it starts, draws the charts of the first tables it is sent, and builds the
 * whole report on request; its reply says how long each step took (`--timing`). Messages: see
 * `ReportRequest`.
 */
import { parentPort } from 'node:worker_threads';
import { buildReport, drawAhead, warmUp } from './index.js';
import type { ReportReply, ReportRequest } from './thread.js';

const port = parentPort!;
const started = performance.now();
/** Seconds spent per step, for the reply. */
const steps: [string, number][] = [];
const timed = async (step: string, work: () => Promise<unknown>): Promise<void> => {
  const t = performance.now();
  await work();
  steps.push([step, (performance.now() - t) / 1000]);
};
// Requests are served in order, each after the one before (and after the warm-up).
let queue: Promise<void> = timed('load libraries', warmUp);

port.on('message', (request: ReportRequest) => {
  queue = queue.then(() => serve(request));
});

async function serve(request: ReportRequest): Promise<void> {
  try {
    if (request.kind === 'draw ahead') {
      await timed('draw the Q1-Q4 charts ahead', () => drawAhead(request.tables));
      return;
    }
    const asked = (performance.now() - started) / 1000;
    let last = performance.now();
    const report = await buildReport({ tables: request.tables, config: request.config }, (step) => {
      steps.push([step, (performance.now() - last) / 1000]);
      last = performance.now();
    });
    const reply: ReportReply = { kind: 'built', findings: report.findings, html: report.html, workbook: report.workbook, steps, askedAfter: asked };
    port.postMessage(reply);
  } catch (error) {
    const reply: ReportReply = { kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
}

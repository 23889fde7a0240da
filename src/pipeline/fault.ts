/**
 * Fault injection for the crash-safety and lock tests. INSTACART_FAULT=<point> makes the process kill
 * itself with SIGKILL there, exactly like a power cut or `kill -9`; INSTACART_FAULT=pause:<point> makes it
 * say `fault: paused at <point>` on stderr and stop there for INSTACART_PAUSE_MS (default 5000) while
 * holding the store, so a test can kill it from outside at a known moment (the workers go on reading
 * meanwhile). One env lookup per point.
 */

import { kDeriverNames, type DeriverName } from '../derive/index.js';

/** A point of the run: between stages, with reads posted, after each deriver (`after-segments`, ...). */
export type FaultPoint = 'orders-posted' | 'after-orders' | 'lines-posted' | 'after-lines' | `after-${DeriverName}` | 'after-pairs' | 'inside-commit' | 'after-commit' | 'mid-exports' | 'mid-report';

/** Every point, in the order a full run passes them: the crash tests kill a run at each. */
export const kFaultPoints: readonly FaultPoint[] = [
  'orders-posted',
  'after-orders',
  'lines-posted',
  'after-lines',
  ...kDeriverNames.map((name) => `after-${name}` as const),
  'after-pairs',
  'inside-commit',
  'after-commit',
  'mid-exports',
  'mid-report',
];

export function faultPoint(point: FaultPoint): void {
  const fault = process.env.INSTACART_FAULT;
  if (fault === undefined) return;
  if (fault === point) process.kill(process.pid, 'SIGKILL');
  if (fault === `pause:${point}`) {
    process.stderr.write(`fault: paused at ${point}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.INSTACART_PAUSE_MS ?? 5000));
  }
}

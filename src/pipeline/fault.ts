/**
 * Fault injection for the crash-safety and lock tests. INSTACART_FAULT=<point> makes the process kill
 * itself with SIGKILL there, exactly like a power cut or `kill -9`; INSTACART_FAULT=pause:<point> makes it
 * stop there for INSTACART_PAUSE_MS (default 5000) while holding the store. One env lookup per point.
 */
export type FaultPoint = 'after-orders' | 'after-lines' | 'inside-commit' | 'after-commit' | 'mid-exports';

export function faultPoint(point: FaultPoint): void {
  const fault = process.env.INSTACART_FAULT;
  if (fault === undefined) return;
  if (fault === point) process.kill(process.pid, 'SIGKILL');
  if (fault === `pause:${point}`) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.INSTACART_PAUSE_MS ?? 5000));
}

/**
 * Fault injection for the crash-safety tests: when INSTACART_FAULT names a point, the process kills
 * itself with SIGKILL there, exactly like a power cut or `kill -9`. Costs one env lookup per point.
 */
export type FaultPoint = 'after-orders' | 'after-lines' | 'inside-commit' | 'after-commit' | 'mid-exports';

export function faultPoint(point: FaultPoint): void {
  if (process.env.INSTACART_FAULT === point) process.kill(process.pid, 'SIGKILL');
}

/**
 * `--timing`: each stage's time, printed on stderr as the run goes (`[timing] orders: 0.412 s`), so a
 * user can see where a run spends it. Times are of the main thread between laps: reads overlap it, so a
 * stage that waits for the workers shows the wait.
 */
export class StageClock {
  private last = performance.now();
  readonly started = this.last;

  constructor(private readonly print: ((line: string) => void) | undefined) {}

  /** The stage that just ended. */
  lap(stage: string): void {
    if (this.print === undefined) return;
    const now = performance.now();
    this.print(`[timing] ${stage}: ${((now - this.last) / 1000).toFixed(3)} s`);
    this.last = now;
  }

  /** A span that overlapped other stages (work on the threads), measured by the caller; the laps go on. */
  note(span: string, seconds: number): void {
    this.print?.(`[timing] ${span}: ${seconds.toFixed(3)} s`);
  }

  /** Seconds since the run started. */
  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}

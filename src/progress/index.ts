/**
 * Progress for long work: a bar with bytes done, rows/s and ETA on a terminal (cli-progress),
 * nothing at all in CI or when stderr is a pipe, so logs and scripts stay clean.
 */
import { createRequire } from 'node:module';
import type cliProgressTypes from 'cli-progress';

export interface Progress {
  /** Set the absolute amount done (bytes) and the rows seen so far (and the total, when it grew). */
  update(bytesDone: number, rowsDone: number, totalBytes?: number): void;
  /** Remove the bar (the caller prints its own summary line). */
  stop(): void;
}

/** True when progress should be drawn: stderr is a terminal and we are not in CI. */
export function progressWanted(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && process.env.INSTACART_PROGRESS !== '0';
}

const silent: Progress = { update() {}, stop() {} };

/** A progress bar over `totalBytes`, labelled `label`; a no-op object when progress is not wanted. */
export function startProgress(label: string, totalBytes: number, enabled = progressWanted()): Progress {
  if (!enabled) return silent;
  const started = Date.now();
  // Loaded only when a bar is drawn: scripts and CI never pay for it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressTypes;
  const bar = new cliProgress.SingleBar(
    {
      // ETA from our own estimate: cli-progress's own shows `NULL`/`INFs` until it has a rate.
      format: `${label} {bar} {percentage}% | {done}/{size} | {rate} rows/s | ETA {eta}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, totalBytes), 0, { done: formatBytes(0), size: formatBytes(totalBytes), rate: '0', eta: etaText(0, totalBytes, 0) });
  return {
    update(bytesDone, rowsDone, newTotal) {
      if (newTotal !== undefined && newTotal !== totalBytes) {
        totalBytes = newTotal;
        bar.setTotal(Math.max(1, totalBytes));
      }
      const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
      bar.update(Math.min(bytesDone, totalBytes), {
        done: formatBytes(bytesDone),
        size: formatBytes(totalBytes),
        rate: formatCount(rowsDone / seconds),
        eta: etaText(bytesDone, totalBytes, seconds),
      });
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * Time left as a reader wants it: `--` until there is a rate to go by (nothing done yet, or under a
 * quarter second of work), then `12s`, `3m 05s`; never NaN or infinite.
 */
export function etaText(bytesDone: number, totalBytes: number, seconds: number): string {
  if (!(bytesDone > 0) || !(seconds >= 0.25) || !(totalBytes > 0) || !Number.isFinite(bytesDone / seconds)) return '--';
  const left = Math.max(0, totalBytes - bytesDone) / (bytesDone / seconds);
  if (!Number.isFinite(left)) return '--';
  const whole = Math.ceil(left);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
}

/** `1.5 MB`, `577.6 MB`: decimal units, one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** `950`, `12.3k`, `20.1M`. */
export function formatCount(count: number): string {
  if (count < 1000) return String(Math.round(count));
  if (count < 1e6) return `${(count / 1e3).toFixed(1)}k`;
  return `${(count / 1e6).toFixed(1)}M`;
}

/**
 * Run one Node program in its own child process and measure it: wall time from spawn to exit, peak
 * RSS of the whole process (every thread), CPU seconds, and how much CPU other processes took meanwhile.
 * One process per workload, so one workload's heap, page-cache mappings or DuckDB buffers never count
 * against another's peak.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coresBusy, readCpuCounters } from './machine.js';
import type { ProbeRecord } from './probe-hook.js';

/** One measured child process. */
export interface ProcessMeasurement {
  /** The Node arguments, for the report (paths as given). */
  argv: string[];
  /** Spawn to 'exit' event, seconds. Includes Node start-up and teardown: what a user waits for. */
  wallSeconds: number;
  /** Peak RSS, bytes: the larger of the exit probe's VmHWM and the last VmHWM polled from /proc. */
  peakRssBytes: number;
  /** Where the peak figure came from: `probe` (exact) or `poll` (probe missing; may miss a late peak). */
  peakRssSource: 'probe' | 'poll';
  /** User + system CPU of the child (all threads), seconds; undefined without the probe. */
  cpuSeconds: number | undefined;
  /**
   * Average cores used by everything else on the machine during the run (machine busy time minus the
   * child's CPU time, over wall time). Near 0 on a quiet machine; 1.0 on 2 cores means half was taken.
   */
  otherCoresBusy: number | undefined;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd: string;
  /** Extra environment for the child. */
  env?: Record<string, string>;
  /** /proc polling interval; the probe makes the final figure exact, this is the fallback. Default 25 ms. */
  pollMs?: number;
}

/** Other processes using this many cores on average during a run make its timing suspect. */
export const kNoisyCores = 0.5;

const kProbeHook = fileURLToPath(new URL('./probe-hook.js', import.meta.url));

/** Run `node --import probe-hook.js ...args` and measure it. Resolves when the child has exited. */
export async function measureNode(args: string[], options: MeasureOptions): Promise<ProcessMeasurement> {
  const probeFile = join(tmpdir(), `instacart-bench-probe-${process.pid}-${Date.now()}.json`);
  rmSync(probeFile, { force: true });
  const cpuBefore = readCpuCounters();
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', kProbeHook, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, BENCH_PROBE_FILE: probeFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  let polledPeak = 0;
  const poll = (): void => {
    if (child.pid === undefined) return;
    try {
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match !== null) polledPeak = Math.max(polledPeak, Number(match[1]) * 1024);
    } catch {
      // Exited between two polls: the probe has the final figure.
    }
  };
  const timer = setInterval(poll, options.pollMs ?? 25);

  const { code, signal, endedAt } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; endedAt: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, s) => resolve({ code: c, signal: s, endedAt: performance.now() }));
  });
  clearInterval(timer);
  const cpuAfter = readCpuCounters();
  // 'exit' can come before the pipes are drained; wait for 'close' so stdout is complete.
  if (child.stdout.readable || child.stderr.readable) await new Promise<void>((resolve) => child.on('close', () => resolve()));

  let probe: ProbeRecord | undefined;
  try {
    probe = JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeRecord;
  } catch {
    probe = undefined;
  }
  rmSync(probeFile, { force: true });

  const wallSeconds = (endedAt - startedAt) / 1000;
  const machineCores = cpuBefore !== undefined && cpuAfter !== undefined ? coresBusy(cpuBefore, cpuAfter) : undefined;
  return {
    argv: args,
    wallSeconds,
    peakRssBytes: Math.max(polledPeak, probe?.peakRssBytes ?? 0),
    peakRssSource: probe !== undefined ? 'probe' : 'poll',
    cpuSeconds: probe?.cpuSeconds,
    otherCoresBusy: machineCores !== undefined && probe !== undefined ? Math.max(0, machineCores - probe.cpuSeconds / wallSeconds) : undefined,
    exitCode: code,
    signal,
    stdout,
    stderr,
  };
}

/**
 * The run to report: the median wall time of the quiet runs (other processes < kNoisyCores), the lower
 * middle one for an even count; the quietest run when none was quiet.
 */
export function pickRun<T>(runs: T[], measurementOf: (run: T) => ProcessMeasurement): T {
  const busy = (r: T): number => measurementOf(r).otherCoresBusy ?? 0;
  const quiet = runs.filter((r) => busy(r) < kNoisyCores).sort((a, b) => measurementOf(a).wallSeconds - measurementOf(b).wallSeconds);
  if (quiet.length > 0) return quiet[Math.floor((quiet.length - 1) / 2)]!;
  return runs.reduce((a, b) => (busy(b) < busy(a) ? b : a));
}

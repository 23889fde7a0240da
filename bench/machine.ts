/**
 * The machine a bench ran on, and how busy it was: on a shared 2-core box one other test run halves
 * our numbers, so the report records CPU used by other processes next to every timing.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Facts printed with every result (STYLE.md: numbers without their machine mean little). */
export interface MachineInfo {
  /** /proc/cpuinfo `model name` (os.cpus() as a fallback). */
  cpuModel: string;
  /** os.availableParallelism(): what instacart and DuckDB both default to. */
  cores: number;
  /** Total RAM, bytes. */
  ramBytes: number;
  /** process.version of the bench (the children use the same binary). */
  node: string;
  platform: string;
}

export function describeMachine(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match !== null) cpuModel = match[1]!.trim();
  } catch {
    // Not Linux: keep os.cpus()'s model.
  }
  return { cpuModel, cores: availableParallelism(), ramBytes: totalmem(), node: process.version, platform: `${process.platform} ${process.arch}` };
}

/** Cumulative CPU time of the whole machine, from the first line of /proc/stat, in seconds. */
export interface CpuCounters {
  /** Time spent not idle (user, nice, system, irq, softirq, steal), summed over all CPUs. */
  busySeconds: number;
  /** Wall clock at the reading (performance.now() / 1000). */
  atSeconds: number;
}

/** USER_HZ: /proc/stat counts in 1/100 s on every mainstream Linux build (sysconf(_SC_CLK_TCK) = 100). */
const kClockTicksPerSecond = 100;

export function readCpuCounters(): CpuCounters | undefined {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const f = first.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...
    const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + (f[7] ?? 0);
    return { busySeconds: busy / kClockTicksPerSecond, atSeconds: performance.now() / 1000 };
  } catch {
    return undefined;
  }
}

/** Average number of cores busy between two readings. */
export function coresBusy(from: CpuCounters, to: CpuCounters): number {
  const wall = to.atSeconds - from.atSeconds;
  return wall > 0 ? (to.busySeconds - from.busySeconds) / wall : 0;
}

/** How busy the machine was before a workload started. */
export interface QuietCheck {
  /** Cores busy (0..cores) over the last one-second sample before starting. */
  coresBusyBefore: number;
  /** Seconds spent waiting for other processes to calm down. */
  waitedSeconds: number;
  /** 1-minute load average at the start, for reference. */
  loadAverage1m: number;
}

/**
 * Wait until other processes use less than `maxBusyCores` (sampled over 1 s), or until `maxWaitSeconds`.
 * Other engineers run test suites on this machine; starting a timed run in the middle of one makes
 * both wrong. Never waits forever: after the limit the workload runs anyway and the report says busy.
 */
export async function waitForQuiet(maxWaitSeconds: number, maxBusyCores = 0.3): Promise<QuietCheck> {
  const started = performance.now() / 1000;
  let busy = 0;
  for (;;) {
    const a = readCpuCounters();
    await sleep(1000);
    const b = readCpuCounters();
    if (a === undefined || b === undefined) break;
    busy = coresBusy(a, b);
    if (busy < maxBusyCores || performance.now() / 1000 - started >= maxWaitSeconds) break;
  }
  return { coresBusyBefore: busy, waitedSeconds: performance.now() / 1000 - started - 1, loadAverage1m: loadavg()[0]! };
}

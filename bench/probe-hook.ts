/**
 * Preloaded into every measured child with `node --import <this file>`: at exit, the main thread writes
 * its process's peak RSS (VmHWM) and CPU time to the file named by BENCH_PROBE_FILE.
 *
 * Why a hook as well as polling /proc/<pid>/status from the parent: VmHWM is a high-water mark kept by
 * the kernel, but /proc/<pid>/status loses its Vm* lines once the child is a zombie, so a poller misses
 * a peak reached in its last interval. Read from inside at 'exit', the figure is exact. It covers worker
 * threads (piscina's, DuckDB's): they share the process's address space. process.cpuUsage() is the
 * whole process too (getrusage(RUSAGE_SELF)), so CPU seconds / wall seconds shows how parallel a run was.
 *
 * Worker threads inherit execArgv, so this file also loads in each piscina worker; it does nothing there.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** What the hook writes (JSON). */
export interface ProbeRecord {
  /** Peak resident set size of the whole process, bytes (VmHWM). */
  peakRssBytes: number;
  /** User + system CPU of every thread, seconds. */
  cpuSeconds: number;
  /** Seconds from process start (performance.timeOrigin) to the 'exit' event. */
  uptimeSeconds: number;
}

const target = process.env['BENCH_PROBE_FILE'];
if (isMainThread && target !== undefined && target !== '') {
  process.on('exit', () => {
    try {
      const status = readFileSync('/proc/self/status', 'utf8');
      const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      const cpu = process.cpuUsage();
      const record: ProbeRecord = {
        peakRssBytes: hwm === null ? 0 : Number(hwm[1]) * 1024,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        uptimeSeconds: performance.now() / 1000,
      };
      writeFileSync(target, JSON.stringify(record));
    } catch {
      // A probe that cannot write must not change the measured program's exit; the parent falls back
      // to its own polling and says so.
    }
  });
}

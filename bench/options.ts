/**
 * `npm run bench -- [options]`, validated once with messages that say the fix (STYLE.md item 4).
 */
export const kWorkloads = ['fast', 'fast-csv', 'duckdb', 'pairs', 'incremental'] as const;
export type WorkloadId = (typeof kWorkloads)[number];

export interface BenchOptions {
  /** Generator scale: 1 is the real data's size (the default); 0.1 gives a quick bench. */
  readonly scale: number;
  /** Generator seed (cache key with scale). */
  readonly seed: number;
  /** Workloads to run, in matrix order. */
  readonly only: readonly WorkloadId[];
  /** `--workers` for instacart; undefined = its default, the number of cores (DuckDB's default too). */
  readonly workers: number | undefined;
  /** Longest wait, seconds, for other processes to go quiet before each timed run; 0 = never wait. */
  readonly quietWait: number;
  /**
   * Re-runs of a stateless workload (fast, fast-csv, duckdb) whose run shared the machine with other
   * processes (>= 0.5 cores on average); the quietest attempt is reported, all are in the JSON.
   */
  readonly retries: number;
  /** Runs of fast and of DuckDB, alternating; the median quiet run is reported. */
  readonly repeat: number;
  /** Keep the scratch copy of the data used by the incremental runs (about 700 MB at scale 1). */
  readonly keepScratch: boolean;
  readonly help: boolean;
}

export const kBenchDefaults: BenchOptions = Object.freeze({
  scale: 1,
  seed: 42,
  only: kWorkloads,
  workers: undefined,
  quietWait: 120,
  retries: 1,
  repeat: 1,
  keepScratch: false,
  help: false,
});

export const kBenchUsage = `npm run bench -- [--scale S] [--seed N] [--only fast,fast-csv,duckdb,pairs,incremental] [--workers N] [--quiet-wait SECONDS] [--retries N] [--repeat N] [--keep-scratch]

  --scale S          data size for the generator, 0 < S <= 10 (default 1 = the real data's size)
  --seed N           generator seed (default 42); data is cached in .bench-cache/data-scale<S>-seed<N>/
  --only LIST        comma-separated workloads (default: all): ${kWorkloads.join(', ')}
  --workers N        instacart's --workers (default: its own default, the number of cores)
  --quiet-wait S     wait up to S seconds before each timed run for other processes to go idle (default 120; 0 = no wait)
  --retries N        re-run fast, fast-csv or duckdb up to N times when other processes took >= 0.5 cores during it (default 1)
  --repeat N         run fast and DuckDB N times each, alternating, and report the median (default 1)
  --keep-scratch     keep the incremental runs' copy of the data in .bench-cache/scratch/
`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = { ...kBenchDefaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value (see --help)`);
      return v;
    };
    switch (flag) {
      case '--scale': {
        const s = Number(value());
        if (!Number.isFinite(s) || s <= 0 || s > 10) throw new Error(`--scale must be a number greater than 0 and at most 10 (1 is the real size, 0.1 a quick bench)`);
        options.scale = s;
        break;
      }
      case '--seed': {
        const s = Number(value());
        if (!Number.isSafeInteger(s) || s < 0) throw new Error('--seed must be a non-negative integer, e.g. --seed 42');
        options.seed = s;
        break;
      }
      case '--only': {
        const list = value().split(',').map((w) => w.trim()).filter((w) => w !== '');
        const unknown = list.filter((w) => !(kWorkloads as readonly string[]).includes(w));
        if (unknown.length > 0 || list.length === 0) throw new Error(`--only takes a comma-separated list of ${kWorkloads.join(', ')}; got ${unknown.join(', ') || 'nothing'}`);
        options.only = kWorkloads.filter((w) => list.includes(w));
        break;
      }
      case '--workers': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error('--workers must be an integer from 1 to 256');
        options.workers = n;
        break;
      }
      case '--quiet-wait': {
        const n = Number(value());
        if (!Number.isFinite(n) || n < 0) throw new Error('--quiet-wait must be a number of seconds >= 0');
        options.quietWait = n;
        break;
      }
      case '--retries': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error('--retries must be an integer from 0 to 10');
        options.retries = n;
        break;
      }
      case '--repeat': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error('--repeat must be an integer from 1 to 20');
        options.repeat = n;
        break;
      }
      case '--keep-scratch':
        options.keepScratch = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  return Object.freeze(options);
}

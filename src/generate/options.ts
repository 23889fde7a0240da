/**
 * Options of `instacart generate` / {@link generateDataset}, validated once at the edge. Every message
 * names the option, the allowed range and the value given, so the fix is obvious.
 */
import { availableParallelism } from 'node:os';
import { EtlError } from '../errors/index.js';

/** What to generate and where. */
export interface GenerateOptions {
  /** Directory to write into; created if missing. Existing files of the same names are replaced. */
  outDir: string;
  /** Size multiplier: 1 is the real data (206,209 users, ~3.42M orders); must be in (0, 10]. */
  scale: number;
  /** Seed of every random stream: a non-negative integer; the same (scale, seed) gives the same bytes. */
  seed: number;
  /** Plant the course's data faults (blank names, duplicate rows, price outliers...). Default false. */
  faults?: boolean;
  /** Worker threads; default os.availableParallelism(). Does not change the output. */
  workers?: number;
  /** Draw a progress bar on a terminal (never in CI or when stderr is piped). Default false. */
  progress?: boolean;
}

/** Options with every default filled in. */
export type ResolvedGenerateOptions = Required<GenerateOptions>;

/** Defaults shared by the CLI and library callers. */
export const kGenerateDefaults = {
  outDir: 'data',
  scale: 0.1,
  seed: 42,
  faults: false,
  progress: false,
} as const;

/** Largest scale: 10x the real data is ~7 GB of CSV and ~2M users; beyond that use real data. */
export const kMaxScale = 10;
/** Most worker threads accepted (more than the blocks of a small scale is allowed, just idle). */
export const kMaxWorkers = 256;

/** Check and complete the options; throws EtlError('USAGE') with a message that says the fix. */
export function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  const { outDir, scale, seed } = options;
  if (typeof outDir !== 'string' || outDir.trim() === '') {
    throw new EtlError('USAGE', '--out must name a directory (for example --out data)');
  }
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > kMaxScale) {
    throw new EtlError('USAGE', `--scale must be a number greater than 0 and at most ${kMaxScale} (1 is the real data's size, 0.1 the default sample), got ${String(scale)}`);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new EtlError('USAGE', `--seed must be a non-negative integer (for example --seed 42), got ${String(seed)}`);
  }
  const workers = options.workers ?? availableParallelism();
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > kMaxWorkers) {
    throw new EtlError('USAGE', `--workers must be an integer from 1 to ${kMaxWorkers}, got ${String(workers)}`);
  }
  return {
    outDir,
    scale,
    seed,
    faults: options.faults ?? kGenerateDefaults.faults,
    workers,
    progress: options.progress ?? kGenerateDefaults.progress,
  };
}

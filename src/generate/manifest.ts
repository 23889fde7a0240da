/**
 * manifest.json, written beside the data: what was generated and how, so a reader can tell generated data
 * from real data, regenerate it, and check the planted faults. It holds no timings or host details:
 * the same (scale, seed, faults) gives the same manifest bytes too.
 */
import type { FaultCounts } from './faults.js';

/** Bump when a change to the model changes the bytes generated for a given (scale, seed). */
export const kGeneratorVersion = 1;

export const kManifestName = 'manifest.json';

/** Rows and bytes of one generated file. */
export interface ManifestFile {
  /** Data rows (header not counted). */
  rows: number;
  /** File size in bytes. */
  bytes: number;
}

/** The manifest's content. */
export interface Manifest {
  /** Always `instacart-etl generate`. */
  generator: string;
  /** {@link kGeneratorVersion} of the code that wrote the data. */
  generatorVersion: number;
  /** --scale given. */
  scale: number;
  /** --seed given. */
  seed: number;
  /** Whether --faults was given. */
  faults: boolean;
  /** Users (customers.csv rows and distinct orders.user_id). */
  users: number;
  /** Distinct product ids. */
  products: number;
  /** Per file name: rows and bytes. */
  files: Record<string, ManifestFile>;
  /** Planted faults by kind (all 0 without --faults). */
  plantedFaults: FaultCounts;
}

/** The manifest as written: pretty JSON with a final newline. */
export function manifestBytes(manifest: Manifest): Uint8Array {
  return new Uint8Array(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
}

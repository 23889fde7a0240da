/**
 * The generate stage: a synthetic Instacart data set in the real files' formats, calibrated to
 * FACTS.md. `generateDataset` is the one entry point (the `generate` command and `run`'s default
 * sample both call it).
 */
export { generateDataset, formatGenerateSummary, kGeneratedFiles } from './generate-dataset.js';
export type { GenerateSummary, GeneratedFileSummary, GeneratedFile } from './generate-dataset.js';
export { kGenerateDefaults, resolveGenerateOptions } from './options.js';
export type { GenerateOptions, ResolvedGenerateOptions } from './options.js';
export type { FaultCounts } from './faults.js';
export type { Manifest } from './manifest.js';
export { kManifestName } from './manifest.js';

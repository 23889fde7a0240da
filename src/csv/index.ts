/**
 * The CSV kernel: byte constants, the record tokenizer, the field grammar, field kinds, parser names and
 * the range rules with their id limits. A leaf: it imports nothing else of the project, and both
 * `src/sources/` (dimension files, on the main thread) and `workers/` (the big files) build on it.
 */
export * from './bytes.js';
export * from './tokenize.js';
export * from './fields.js';
export * from './kinds.js';
export * from './limits.js';

/**
 * Child-process entry of the DuckDB workload: `node dist/bench/duckdb-child.js <dataDir> <result.json>`.
 * Its own process so its peak RSS and CPU are its own (measure.ts), like each instacart run.
 * The timed part ends when every aggregate is in JS (materializedAtSeconds); writing the small JSON
 * file afterwards is part of the wall time the parent measures, as instacart's exports are of its.
 */
import { writeFileSync } from 'node:fs';
import { computeReference } from './duckdb-queries.js';

const [dataDir, resultPath] = process.argv.slice(2);
if (dataDir === undefined || resultPath === undefined) {
  process.stderr.write('usage: node dist/bench/duckdb-child.js <dataDir> <result.json>\n');
  process.exit(2);
}
const result = await computeReference(dataDir);
writeFileSync(resultPath, JSON.stringify(result));

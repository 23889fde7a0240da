/**
 * Child-process entry of the DuckDB pairs workload (issue 11):
 * `node dist/bench/pairs-child.js <dataDir> <minPairOrders> <result.json> <lines file>...`.
 * Its own process so its time, peak RSS and CPU are its own, like the Q1-Q4 reference (duckdb-child.ts).
 */
import { writeFileSync } from 'node:fs';
import { computePairsReference } from './pairs-reference.js';

const [dataDir, min, resultPath, ...linesFiles] = process.argv.slice(2);
if (dataDir === undefined || min === undefined || resultPath === undefined || linesFiles.length === 0) {
  process.stderr.write('usage: node dist/bench/pairs-child.js <dataDir> <minPairOrders> <result.json> <lines file>...\n');
  process.exit(2);
}
const result = await computePairsReference(dataDir, linesFiles, Number(min));
writeFileSync(resultPath, JSON.stringify(result));

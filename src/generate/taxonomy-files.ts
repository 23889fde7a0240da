/**
 * departments.csv and aisles.csv in the Kaggle long layout, LF line ends:
 * `department_id,department` (21 rows) and `aisle_id,aisle` (134 rows). Grain: one row per id.
 */
import { bytesOf, csvField } from './csv-bytes.js';
import { kAisles, kDepartments } from './taxonomy.js';

/** A small file's bytes and data row count. */
export interface SmallFile {
  /** The whole file. */
  readonly bytes: Uint8Array;
  /** Data rows (the header not counted). */
  readonly rows: number;
}

export function encodeDepartmentsFile(): SmallFile {
  const lines = kDepartments.map((name, index) => `${index + 1},${csvField(name)}\n`);
  return { bytes: bytesOf(`department_id,department\n${lines.join('')}`), rows: lines.length };
}

export function encodeAislesFile(): SmallFile {
  const lines = kAisles.map((aisle, index) => `${index + 1},${csvField(aisle.name)}\n`);
  return { bytes: bytesOf(`aisle_id,aisle\n${lines.join('')}`), rows: lines.length };
}

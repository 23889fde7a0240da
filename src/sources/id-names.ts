/**
 * The small id -> name tables: aisles.csv, and departments.csv in either layout, the long one
 * (`department_id,department` rows) or the course's wide one (a row `department_id,1,...,21` and a row
 * `department,frozen,...`). Grain: one name per id; a repeated id keeps its first row.
 */
import type { Config } from '../config/index.js';
import { kMaxAisleId, kMaxDepartmentId, kMinId, parseIntText, type ParserName } from '../csv/index.js';
import type { SourceFile } from './discover.js';
import { readHeader, resolveColumns } from './csv/header.js';
import { readDataRows } from './data-rows.js';
import { readRecords } from './csv/read-records.js';
import { RejectCode } from '../rejects/index.js';
import { SourceTally, type SourceReport } from './report.js';

export interface IdNames {
  /** Name by id. */
  names: Map<number, string>;
  report: SourceReport;
}

interface Shape {
  role: 'aisles' | 'departments';
  idColumn: string;
  nameColumn: string;
  maxId: number;
}

const aisles: Shape = { role: 'aisles', idColumn: 'aisle_id', nameColumn: 'aisle', maxId: kMaxAisleId };
const departments: Shape = { role: 'departments', idColumn: 'department_id', nameColumn: 'department', maxId: kMaxDepartmentId };

export function loadAisles(source: SourceFile, parser: ParserName, config: Config): Promise<IdNames> {
  return loadIdNames(source, parser, config, aisles);
}

export function loadDepartments(source: SourceFile, parser: ParserName, config: Config): Promise<IdNames> {
  const header = readHeader(source.path, source.name);
  const [first, second] = header.names;
  const wide = first?.toLowerCase() === 'department_id' && second !== undefined && second.toLowerCase() !== 'department' && !Number.isNaN(parseIntText(second));
  return wide ? loadWideDepartments(source, parser, config) : loadIdNames(source, parser, config, departments);
}

async function loadIdNames(source: SourceFile, parser: ParserName, config: Config, shape: Shape): Promise<IdNames> {
  const header = readHeader(source.path, source.name);
  const at = resolveColumns(header, { id: { name: shape.idColumn }, name: { name: shape.nameColumn } }, source.name);
  const width = header.names.length;
  const tally = new SourceTally(source.name, shape.role, config.maxRejectDetails);
  const names = new Map<number, string>();
  await readDataRows(source, parser, tally, width, (line, row) => {
    addName(tally, names, shape, line, row.text(at.id), row.text(at.name));
  });
  return { names, report: tally.report };
}

/** The course's two-row layout: ids across the first row, names across the second. */
async function loadWideDepartments(source: SourceFile, parser: ParserName, config: Config): Promise<IdNames> {
  const tally = new SourceTally(source.name, 'departments', config.maxRejectDetails);
  tally.declare('wide layout (ids in row 1, names in row 2)', 'read as one department per column');
  const names = new Map<number, string>();
  let ids: readonly string[] | undefined;
  await readRecords(source.path, source.name, parser, {
    malformed(line, reason) {
      tally.reject(line, RejectCode.BAD_QUOTE, '', reason);
    },
    record(line, row) {
      const fields = Array.from({ length: row.length }, (_, k) => row.text(k));
      if (line === 1) {
        ids = fields;
        return;
      }
      if (ids === undefined || fields.length !== ids.length || fields[0]!.trim().toLowerCase() !== 'department') {
        return tally.reject(line, RejectCode.FIELD_COUNT, '', `expected the row "department,<name>,..." with ${ids?.length ?? 0} fields`);
      }
      for (let k = 1; k < fields.length; k++) addName(tally, names, departments, line, ids[k]!, fields[k]!);
      tally.count('wide layout (ids in row 1, names in row 2)');
    },
  });
  return { names, report: tally.report };
}

function addName(tally: SourceTally, names: Map<number, string>, shape: Shape, line: number, idText: string, name: string): void {
  const id = parseIntText(idText);
  if (id !== id) return tally.reject(line, RejectCode.NOT_A_NUMBER, shape.idColumn, idText);
  if (!(id >= kMinId)) return tally.reject(line, RejectCode.OUT_OF_RANGE, shape.idColumn, idText);
  if (id > shape.maxId) return tally.reject(line, RejectCode.ID_TOO_LARGE, shape.idColumn, idText);
  if (names.has(id)) return tally.reject(line, RejectCode.DUPLICATE_ID, shape.idColumn, idText);
  names.set(id, name);
  tally.accept();
}

/**
 * customers.csv (the course's synthetic customers) into a customer table without personal data: the
 * `First Name` and surname columns are never kept past tokenizing a row (SPEC.md section 2). A missing or
 * unreadable demographic value is unknown, never a default. Grain: one entry per user_id.
 */
import type { Config } from '../config/index.js';
import { kMaxUserId, type ParserName } from '../../workers/protocol.js';
import type { SourceFile } from './discover.js';
import { readHeader, resolveColumns } from './csv/header.js';
import { readRecords } from './csv/read-records.js';
import { RejectCode } from './reject-codes.js';
import { SourceTally, type SourceReport } from './report.js';

/** A text column stored as codes into a list of distinct values (code 0 = blank/unknown). */
export interface CodedColumn {
  values: string[];
  codes: Uint16Array;
}

/** Customers by user_id; arrays have `slots` entries, -1 (or code 0) = unknown. */
export interface CustomerTable {
  slots: number;
  count: number;
  known: Uint8Array;
  gender: CodedColumn;
  state: CodedColumn;
  familyStatus: CodedColumn;
  /** date_joined as ISO `YYYY-MM-DD` text, coded. */
  dateJoined: CodedColumn;
  age: Int16Array;
  dependants: Int8Array;
  income: Int32Array;
}

export const kCheckPersonalData = 'personal data (First Name, surname)';
export const kCheckBlankFirstName = 'blank First Name';
export const kCheckUnknownAge = 'Age blank or not a number';
export const kCheckUnknownIncome = 'income blank or not a number';
export const kCheckUnknownDependants = 'n_dependants blank or not a number';

const columns = {
  userId: { name: 'user_id' },
  firstName: { name: 'First Name', aliases: ['first_name', 'firstname'], optional: true },
  surname: { name: 'Surname', aliases: ['Surnam', 'last_name', 'lastname'], optional: true },
  gender: { name: 'Gender' },
  state: { name: 'STATE' },
  age: { name: 'Age' },
  dateJoined: { name: 'date_joined' },
  dependants: { name: 'n_dependants' },
  familyStatus: { name: 'fam_status' },
  income: { name: 'income' },
};

export async function loadCustomers(source: SourceFile, parser: ParserName, config: Config): Promise<{ customers: CustomerTable; report: SourceReport }> {
  const header = readHeader(source.path, source.name);
  const at = resolveColumns(header, columns, source.name);
  const width = header.names.length;
  const tally = new SourceTally(source.name, 'customers', config.maxRejectDetails);
  tally.declare(kCheckPersonalData, 'dropped on reading: never stored, never exported');
  tally.declare(kCheckBlankFirstName, 'nothing to do (names are dropped)');
  tally.declare(kCheckUnknownAge, 'age group Unknown');
  tally.declare(kCheckUnknownIncome, 'income group Unknown');
  tally.declare(kCheckUnknownDependants, 'parent status Unknown');

  type Row = { gender: string; state: string; familyStatus: string; dateJoined: string; age: number; dependants: number; income: number };
  const rows = new Map<number, Row>();
  const optionalInt = (value: number, min: number, max: number, check: string): number => {
    if (value !== value || value < min || value > max) {
      tally.count(check);
      return -1;
    }
    return value;
  };
  // 1,187 distinct join dates in the course file: convert each text once.
  const isoDates = new Map<string, string>();
  const dateOf = (text: string): string => {
    let iso = isoDates.get(text);
    if (iso === undefined) isoDates.set(text, (iso = isoDate(text.trim())));
    return iso;
  };
  await readRecords(source.path, source.name, parser, {
    malformed(line, reason) {
      tally.reject(line, RejectCode.BAD_QUOTE, '', reason);
    },
    record(line, row) {
      if (line === 1) return;
      if (row.length !== width) return tally.reject(line, RejectCode.FIELD_COUNT, '', `${row.length} fields, expected ${width}`);
      const id = row.int(at.userId);
      if (id !== id) return tally.reject(line, RejectCode.NOT_A_NUMBER, 'user_id', row.text(at.userId));
      if (!(id >= 1)) return tally.reject(line, RejectCode.OUT_OF_RANGE, 'user_id', row.text(at.userId));
      if (id > kMaxUserId) return tally.reject(line, RejectCode.ID_TOO_LARGE, 'user_id', row.text(at.userId));
      if (rows.has(id)) return tally.reject(line, RejectCode.DUPLICATE_ID, 'user_id', row.text(at.userId));
      // Names: only whether the first name is blank is looked at, for the course's fault count.
      if (at.firstName >= 0 || at.surname >= 0) tally.count(kCheckPersonalData);
      if (at.firstName >= 0 && row.text(at.firstName).trim() === '') tally.count(kCheckBlankFirstName);
      rows.set(id, {
        gender: row.text(at.gender).trim(),
        state: row.text(at.state).trim(),
        familyStatus: row.text(at.familyStatus).trim(),
        dateJoined: dateOf(row.text(at.dateJoined)),
        age: optionalInt(row.int(at.age), 0, 150, kCheckUnknownAge),
        dependants: optionalInt(row.int(at.dependants), 0, 100, kCheckUnknownDependants),
        income: optionalInt(row.int(at.income), 0, 2_000_000_000, kCheckUnknownIncome),
      });
      tally.accept();
    },
  });

  let maxId = 0;
  for (const id of rows.keys()) if (id > maxId) maxId = id;
  const slots = maxId + 1;
  const coded = (): CodedColumn & { index: Map<string, number> } => ({ values: [''], codes: new Uint16Array(slots), index: new Map([['', 0]]) });
  const gender = coded();
  const state = coded();
  const familyStatus = coded();
  const dateJoined = coded();
  const put = (column: ReturnType<typeof coded>, id: number, value: string): void => {
    let code = column.index.get(value);
    if (code === undefined) {
      code = column.values.length;
      column.values.push(value);
      column.index.set(value, code);
    }
    column.codes[id] = code;
  };
  const customers: CustomerTable = {
    slots,
    count: rows.size,
    known: new Uint8Array(slots),
    gender,
    state,
    familyStatus,
    dateJoined,
    age: new Int16Array(slots).fill(-1),
    dependants: new Int8Array(slots).fill(-1),
    income: new Int32Array(slots).fill(-1),
  };
  for (const [id, row] of rows) {
    customers.known[id] = 1;
    put(gender, id, row.gender);
    put(state, id, row.state);
    put(familyStatus, id, row.familyStatus);
    put(dateJoined, id, row.dateJoined);
    customers.age[id] = row.age;
    customers.dependants[id] = row.dependants;
    customers.income[id] = row.income;
  }
  for (const column of [gender, state, familyStatus, dateJoined]) delete (column as Partial<typeof column>).index;
  return { customers, report: tally.report };
}

/** `1/1/2017` (M/D/YYYY, the course's format) -> `2017-01-01`; other text is kept as written. */
export function isoDate(text: string): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match === null) return text;
  return `${match[3]}-${match[1]!.padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
}

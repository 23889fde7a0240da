/**
 * customers.csv (the course's synthetic customers) into a customer table without personal data: the
 * `First Name` and surname columns are never kept past tokenizing a row (SPEC.md section 2). A missing or
 * unreadable demographic value is unknown, never a default. Grain: one entry per user_id.
 */
import type { Config } from '../config/index.js';
import { kMaxUserId, kMinId, type ParserName } from '../csv/index.js';
import type { SourceFile } from './discover.js';
import { readHeader, resolveColumns } from './csv/header.js';
import { readDataRows } from './data-rows.js';
import { ValueCache } from './csv/read-records.js';
import { RejectCode } from '../rejects/index.js';
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

  // Columns by user_id, grown as ids arrive (the course file's ids come in random order).
  let slots = 1024;
  let known = new Uint8Array(slots);
  let age = new Int16Array(slots).fill(-1);
  let dependants = new Int8Array(slots).fill(-1);
  let income = new Int32Array(slots).fill(-1);
  let codes = [new Uint16Array(slots), new Uint16Array(slots), new Uint16Array(slots), new Uint16Array(slots)];
  const grow = (id: number): void => {
    let size = slots;
    while (size <= id) size *= 2;
    const bigger = <T extends Uint8Array | Int8Array | Int16Array | Int32Array | Uint16Array>(array: T, fill: number): T => {
      const out = new (array.constructor as new (n: number) => T)(size);
      if (fill !== 0) out.fill(fill);
      out.set(array);
      return out;
    };
    known = bigger(known, 0);
    age = bigger(age, -1);
    dependants = bigger(dependants, -1);
    income = bigger(income, -1);
    codes = codes.map((c) => bigger(c, 0));
    slots = size;
  };
  /** The four text columns: values by code (0 = blank) and their codes by text. */
  const coded = [0, 1, 2, 3].map(() => ({ values: [''], index: new Map<string, number>([['', 0]]), cache: new ValueCache() }));
  const codeOf = (column: number, text: string): number => {
    const c = coded[column]!;
    let code = c.index.get(text);
    if (code === undefined) {
      code = c.values.length;
      c.values.push(text);
      c.index.set(text, code);
    }
    return code;
  };
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
    if (iso === undefined) isoDates.set(text, (iso = isoDate(text)));
    return iso;
  };
  const textColumns = [at.gender, at.state, at.familyStatus, at.dateJoined];
  let count = 0;
  await readDataRows(source, parser, tally, width, (line, row) => {
    const id = row.int(at.userId);
    if (id !== id) return tally.reject(line, RejectCode.NOT_A_NUMBER, 'user_id', row.text(at.userId));
    if (!(id >= kMinId)) return tally.reject(line, RejectCode.OUT_OF_RANGE, 'user_id', row.text(at.userId));
    if (id > kMaxUserId) return tally.reject(line, RejectCode.ID_TOO_LARGE, 'user_id', row.text(at.userId));
    if (id >= slots) grow(id);
    if (known[id] === 1) return tally.reject(line, RejectCode.DUPLICATE_ID, 'user_id', row.text(at.userId));
    // Names: only whether the first name is blank is looked at, for the course's fault count.
    if (at.firstName >= 0 || at.surname >= 0) tally.count(kCheckPersonalData);
    if (at.firstName >= 0 && row.isBlank(at.firstName)) tally.count(kCheckBlankFirstName);
    known[id] = 1;
    for (let c = 0; c < 4; c++) {
      const text = row.value(textColumns[c]!, coded[c]!.cache);
      codes[c]![id] = codeOf(c, c === 3 ? dateOf(text) : text);
    }
    age[id] = optionalInt(row.int(at.age), 0, 150, kCheckUnknownAge);
    dependants[id] = optionalInt(row.int(at.dependants), 0, 100, kCheckUnknownDependants);
    income[id] = optionalInt(row.int(at.income), 0, 2_000_000_000, kCheckUnknownIncome);
    count++;
    tally.accept();
  });

  let maxId = 0;
  for (let id = slots - 1; id > 0; id--) {
    if (known[id] === 1) {
      maxId = id;
      break;
    }
  }
  const size = maxId + 1;
  const column = (c: number): CodedColumn => ({ values: coded[c]!.values, codes: codes[c]!.slice(0, size) });
  const customers: CustomerTable = {
    slots: size,
    count,
    known: known.slice(0, size),
    gender: column(0),
    state: column(1),
    familyStatus: column(2),
    dateJoined: column(3),
    age: age.slice(0, size),
    dependants: dependants.slice(0, size),
    income: income.slice(0, size),
  };
  return { customers, report: tally.report };
}

/** `1/1/2017` (M/D/YYYY, the course's format) -> `2017-01-01`; other text is kept as written. */
export function isoDate(text: string): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match === null) return text;
  return `${match[3]}-${match[1]!.padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
}

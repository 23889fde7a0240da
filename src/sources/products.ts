/**
 * products.csv into the cleaned catalogue (SPEC.md sections 2 and 7): a missing name is kept and shown
 * as `Unnamed product <id>`; exact duplicate rows collapse to one; an id listed again with different
 * content keeps its first row (the later row is rejected as a conflict); a price above the outlier bound
 * or below 0 becomes unknown. Grain: one entry per product_id. Lookups are typed arrays indexed by id.
 */
import type { Config } from '../config/index.js';
import { kMaxAisleId, kMaxDepartmentId, kMaxProductId, kMinId, parseCentsText, type ParserName } from '../csv/index.js';
import type { SourceFile } from './discover.js';
import { readHeader, resolveColumns } from './csv/header.js';
import { readDataRows } from './data-rows.js';
import { RejectCode } from '../rejects/index.js';
import { SourceTally, type SourceReport } from './report.js';

/** The cleaned product catalogue. */
export interface Catalogue {
  /** Highest product_id + 1: the length of every array below. */
  slots: number;
  /** Products in the catalogue. */
  count: number;
  /** 1 when product_id is in the catalogue. */
  known: Uint8Array;
  /** department_id per product. */
  department: Uint8Array;
  /** aisle_id per product. */
  aisle: Uint16Array;
  /** Price in cents, -1 when unknown (no price column, blank, not a number, or an outlier). */
  priceCents: Int32Array;
  /** Display name per product (blank names already replaced). */
  names: string[];
  /** The file has a prices column (otherwise revenue outputs say "no prices"). */
  hasPrices: boolean;
}

export const kCheckBlankName = 'blank product_name';
export const kCheckSpreadsheetError = 'product_name is a spreadsheet error (#NAME?)';
export const kCheckDuplicateRow = 'exact duplicate row';
export const kCheckConflictingId = 'product_id listed again with different content';
export const kCheckPriceOutlier = 'price outlier (above the outlier bound or below 0)';
export const kCheckPriceMissing = 'price blank or not a number';
export const kCheckNoPriceColumn = 'no prices column';

const columns = {
  productId: { name: 'product_id' },
  productName: { name: 'product_name' },
  aisleId: { name: 'aisle_id' },
  departmentId: { name: 'department_id' },
  price: { name: 'prices', aliases: ['price'], optional: true },
};

export async function loadProducts(source: SourceFile, parser: ParserName, config: Config): Promise<{ catalogue: Catalogue; report: SourceReport }> {
  const header = readHeader(source.path, source.name);
  const at = resolveColumns(header, columns, source.name);
  const width = header.names.length;
  const tally = new SourceTally(source.name, 'products', config.maxRejectDetails);
  const hasPrices = at.price >= 0;
  tally.declare(kCheckBlankName, 'kept, shown as "Unnamed product <id>"');
  tally.declare(kCheckSpreadsheetError, 'kept as text');
  tally.declare(kCheckDuplicateRow, 'collapsed into the first row');
  tally.declare(kCheckConflictingId, 'first row kept, later rows rejected (rejects.csv)');
  if (hasPrices) {
    tally.declare(kCheckPriceOutlier, 'price set to unknown: items still count, not in revenue or average prices');
    tally.declare(kCheckPriceMissing, 'price set to unknown');
  } else {
    tally.declare(kCheckNoPriceColumn, 'no revenue or price outputs ("no prices")');
  }

  const rows = new Map<number, { text: string; name: string; aisle: number; department: number; priceCents: number }>();
  const outlierCents = Math.round(config.priceOutlierMax * 100);
  await readDataRows(source, parser, tally, width, (line, row) => {
    const id = row.int(at.productId);
    const aisle = row.int(at.aisleId);
    const department = row.int(at.departmentId);
    // First reason that applies, columns in this order: not a number, out of range, above the limit.
    if (id !== id) return tally.reject(line, RejectCode.NOT_A_NUMBER, 'product_id', row.text(at.productId));
    if (aisle !== aisle) return tally.reject(line, RejectCode.NOT_A_NUMBER, 'aisle_id', row.text(at.aisleId));
    if (department !== department) return tally.reject(line, RejectCode.NOT_A_NUMBER, 'department_id', row.text(at.departmentId));
    if (!(id >= kMinId)) return tally.reject(line, RejectCode.OUT_OF_RANGE, 'product_id', row.text(at.productId));
    if (!(aisle >= kMinId)) return tally.reject(line, RejectCode.OUT_OF_RANGE, 'aisle_id', row.text(at.aisleId));
    if (!(department >= kMinId)) return tally.reject(line, RejectCode.OUT_OF_RANGE, 'department_id', row.text(at.departmentId));
    if (id > kMaxProductId) return tally.reject(line, RejectCode.ID_TOO_LARGE, 'product_id', row.text(at.productId));
    if (aisle > kMaxAisleId) return tally.reject(line, RejectCode.ID_TOO_LARGE, 'aisle_id', row.text(at.aisleId));
    if (department > kMaxDepartmentId) return tally.reject(line, RejectCode.ID_TOO_LARGE, 'department_id', row.text(at.departmentId));
    // Exact duplicate = the same text in every field.
    let text = row.text(0);
    for (let k = 1; k < width; k++) text += `\u0000${row.text(k)}`;
    const first = rows.get(id);
    if (first !== undefined) {
      if (first.text === text) {
        tally.accept();
        tally.count(kCheckDuplicateRow);
        return;
      }
      tally.count(kCheckConflictingId);
      return tally.reject(line, RejectCode.CONFLICTING_ID, 'product_id', row.text(at.productId));
    }
    let name = row.text(at.productName);
    if (name.trim() === '') {
      tally.count(kCheckBlankName);
      name = `Unnamed product ${id}`;
    } else if (name.trim() === '#NAME?') {
      tally.count(kCheckSpreadsheetError);
    }
    let priceCents = -1;
    if (hasPrices) {
      const cents = parseCentsText(row.text(at.price));
      if (cents !== cents) tally.count(kCheckPriceMissing);
      else if (cents < 0 || cents > outlierCents) tally.count(kCheckPriceOutlier);
      else priceCents = cents;
    }
    rows.set(id, { text, name, aisle, department, priceCents });
    tally.accept();
  });

  let maxId = 0;
  for (const id of rows.keys()) if (id > maxId) maxId = id;
  const slots = maxId + 1;
  const catalogue: Catalogue = {
    slots,
    count: rows.size,
    known: new Uint8Array(slots),
    department: new Uint8Array(slots),
    aisle: new Uint16Array(slots),
    priceCents: new Int32Array(slots).fill(-1),
    names: new Array<string>(slots).fill(''),
    hasPrices,
  };
  for (const [id, row] of rows) {
    catalogue.known[id] = 1;
    catalogue.department[id] = row.department;
    catalogue.aisle[id] = row.aisle;
    catalogue.priceCents[id] = row.priceCents;
    catalogue.names[id] = row.name;
  }
  return { catalogue, report: tally.report };
}

/**
 * products.csv in the course's layout: `product_id,product_name,aisle_id,department_id,prices`, CRLF,
 * names quoted only when needed, prices with one decimal but whole numbers bare (`9`, `5.8`).
 * One row per product (grain: product_id), plus the planted fault rows under --faults.
 */
import type { Catalogue } from './catalogue.js';
import { ByteSink, bytesOf, csvField, kComma, kCr, kLf } from './csv-bytes.js';
import { kNameErrorText, planProductFaults, type FaultCounts } from './faults.js';
import { extraProductName, productNames } from './product-names.js';
import { RngStream, rngFor } from './rng.js';
import { kAisles } from './taxonomy.js';

const kHeader = bytesOf('product_id,product_name,aisle_id,department_id,prices\r\n');

/** products.csv bytes and what they hold. */
export interface ProductsFile {
  /** The whole file (~2.2 MB at scale 1). */
  readonly bytes: Uint8Array;
  /** Data rows (products + duplicate and conflicting rows). */
  readonly rows: number;
  /** Product faults planted (the customer count is filled in by the customers file). */
  readonly faults: Omit<FaultCounts, 'blankFirstNames'>;
}

/** Encode products.csv for the catalogue; `withFaults` plants the course's product faults. */
export function encodeProductsFile(seed: number, catalogue: Catalogue, withFaults: boolean): ProductsFile {
  const names = productNames(seed, catalogue);
  const faults = withFaults ? planProductFaults(seed, catalogue.productCount) : new Map();
  const extraRng = rngFor(seed, RngStream.Faults, 1);
  const taken = new Set(names);
  const counts = { blankProductNames: 0, duplicateProductRows: 0, conflictingProductIds: 0, nameErrorProductNames: 0, priceOutliers: 0 };

  const sink = new ByteSink(catalogue.productCount * 64);
  sink.bytes(kHeader);
  let rows = 0;
  const row = (id: number, name: string, aisleId: number, departmentId: number, priceTenths: number): void => {
    sink.uint(id);
    sink.byte(kComma);
    sink.text(csvField(name));
    sink.byte(kComma);
    sink.uint(aisleId);
    sink.byte(kComma);
    sink.uint(departmentId);
    sink.byte(kComma);
    sink.tenths(priceTenths);
    sink.byte(kCr);
    sink.byte(kLf);
    rows++;
  };

  for (let index = 0; index < catalogue.productCount; index++) {
    const id = index + 1;
    const fault = faults.get(index);
    let name = names[index]!;
    let priceTenths = catalogue.priceTenths[index]!;
    if (fault?.kind === 'blankName') {
      name = '';
      counts.blankProductNames++;
    } else if (fault?.kind === 'nameError') {
      name = kNameErrorText;
      counts.nameErrorProductNames++;
    } else if (fault?.kind === 'priceOutlier') {
      priceTenths = fault.priceTenths;
      counts.priceOutliers++;
    }
    const rowStart = sink.length;
    row(id, name, catalogue.aisleId[index]!, catalogue.departmentId[index]!, priceTenths);
    if (fault?.kind === 'duplicateRow') {
      // The same bytes again on the next line, as in the course file.
      const copy = sink.view().slice(rowStart);
      sink.bytes(copy);
      rows++;
      counts.duplicateProductRows++;
    } else if (fault?.kind === 'conflictingId') {
      // A different product under the same id: other aisle (so usually other department), name and price.
      let aisleId = 1 + extraRng.int(kAisles.length);
      if (aisleId === catalogue.aisleId[index]) aisleId = (aisleId % kAisles.length) + 1;
      const extraName = extraProductName(extraRng, aisleId, taken);
      taken.add(extraName);
      row(id, extraName, aisleId, kAisles[aisleId - 1]!.departmentId, extraRng.intBetween(10, 150));
      counts.conflictingProductIds++;
    }
  }
  return { bytes: sink.take(), rows, faults: counts };
}

/**
 * The course's data faults, planted on request (--faults) so the pipeline's cleaning can be tested on
 * generated data: counts as in ../shared/data/instacart/README.md for careerfoundry/products.csv and
 * customers.csv. Without --faults the data is clean. Which products get a fault is drawn from the
 * faults' own random stream, so the clean parts of the files are the same with and without faults.
 */
import { kBlankFirstNames, kRealUsers } from './facts.js';
import { RngStream, rngFor } from './rng.js';

/** Counts of every planted fault, as written to manifest.json. */
export interface FaultCounts {
  /** products.csv rows with an empty product_name (course: 16). */
  blankProductNames: number;
  /** products.csv rows repeated verbatim on the next line (course: 5). */
  duplicateProductRows: number;
  /** product_ids with a second, different row right after the first (course: 2, ids 6800 and 26520). */
  conflictingProductIds: number;
  /** product_name `#NAME?`, a spreadsheet formula error (course: 1, product 11908). */
  nameErrorProductNames: number;
  /** prices 14900 and 99999 (course: 2). */
  priceOutliers: number;
  /** customers.csv rows with an empty First Name (course: 11,259 of 206,209, 5.46 %). */
  blankFirstNames: number;
}

/** What is wrong with one product's row. */
export type ProductFault =
  | { readonly kind: 'blankName' }
  | { readonly kind: 'duplicateRow' }
  | { readonly kind: 'conflictingId' }
  | { readonly kind: 'nameError' }
  | { readonly kind: 'priceOutlier'; readonly priceTenths: number };

/** How many of each product fault to plant (the course's counts, at every scale). */
const kBlankProductNames = 16;
const kDuplicateProductRows = 5;
const kConflictingProductIds = 2;
const kNameErrorProductNames = 1;
/** The course's outlier prices, in tenths. */
const kOutlierPricesTenths = [149_000, 999_990];

/** The spreadsheet error text the course file has instead of one product's name. */
export const kNameErrorText = '#NAME?';

/** Share of customers with a blank first name under --faults: 11,259 / 206,209. */
export const kBlankFirstNameShare = kBlankFirstNames / kRealUsers;

/** Faulty products by index (product_id - 1); 26 distinct products, so no row has two faults. */
export function planProductFaults(seed: number, productCount: number): Map<number, ProductFault> {
  const rng = rngFor(seed, RngStream.Faults);
  const faults = new Map<number, ProductFault>();
  const add = (count: number, make: (k: number) => ProductFault): void => {
    for (let k = 0; k < count; ) {
      const index = rng.int(productCount);
      if (faults.has(index)) continue;
      faults.set(index, make(k));
      k++;
    }
  };
  add(kBlankProductNames, () => ({ kind: 'blankName' }));
  add(kDuplicateProductRows, () => ({ kind: 'duplicateRow' }));
  add(kConflictingProductIds, () => ({ kind: 'conflictingId' }));
  add(kNameErrorProductNames, () => ({ kind: 'nameError' }));
  add(kOutlierPricesTenths.length, (k) => ({ kind: 'priceOutlier', priceTenths: kOutlierPricesTenths[k]! }));
  return faults;
}

/** All-zero counts (a clean data set). */
export function noFaults(): FaultCounts {
  return {
    blankProductNames: 0,
    duplicateProductRows: 0,
    conflictingProductIds: 0,
    nameErrorProductNames: 0,
    priceOutliers: 0,
    blankFirstNames: 0,
  };
}

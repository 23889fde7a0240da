/**
 * Why an input row was not accepted. A closed set, in the order SPEC.md section 7 checks them: a row gets
 * the first code that applies. The numeric values index counter arrays, so never renumber them.
 */
export const RejectCode = {
  /** The row's quoting cannot be read (a quote never closed, or text after a closing quote). */
  BAD_QUOTE: 0,
  /** The row has more or fewer fields than the header. */
  FIELD_COUNT: 1,
  /** A numeric field is blank, not an integer (`3.5`, `abc`), or otherwise not a number. */
  NOT_A_NUMBER: 2,
  /** A number outside its range: day 0-6, hour 0-23, reordered 0/1, days 0-30, ids and counts > 0. */
  OUT_OF_RANGE: 3,
  /**
   * An id in a dimension or orders file above what the lookups can hold (they are arrays indexed by id):
   * order_id 67,108,864, user_id 16,777,216, product_id 4,194,304, aisle_id 65,535, department_id 255.
   * Checked right after OUT_OF_RANGE. Not in SPEC.md's list: a documented limit of this implementation.
   */
  ID_TOO_LARGE: 9,
  /** An order line whose order_id is not an accepted order. */
  UNKNOWN_ORDER: 4,
  /** An order line whose product_id is not in the cleaned catalogue. */
  UNKNOWN_PRODUCT: 5,
  /** A repeated order_id (orders file or drops): the first row is kept. */
  DUPLICATE_ORDER: 6,
  /** A product_id listed again with different content: the first row is kept. */
  CONFLICTING_ID: 7,
  /** A repeated id in a dimension file (aisles, departments, customers): the first row is kept. */
  DUPLICATE_ID: 8,
} as const;

export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];

/** Number of reject codes: the length of per-code counter arrays. */
export const kRejectCodeCount = 10;

/** The reason text written to rejects.csv and data_quality.csv, by code. */
export const rejectReason: readonly string[] = [
  'malformed quotes',
  'wrong field count',
  'not a number',
  'out of range',
  'unknown order',
  'unknown product',
  'duplicate order',
  'conflicting product id',
  'duplicate id',
  'id above the supported maximum',
];

/**
 * Every range rule of the order and order-line rows (SPEC.md section 7), and the id limits of this
 * implementation, in one place: the exact path's checks and the fast loops' checks both read these.
 */

/** Ids above these bounds are rejected as `id above the supported maximum`: lookups are arrays indexed by id. */
export const kMaxOrderId = 1 << 26; // 67,108,864: 20x the real 3.42M orders
export const kMaxUserId = 1 << 24; // 16,777,216: 80x the real 206,209 users
export const kMaxProductId = 1 << 22; // 4,194,304: 80x the real 49,688 products
/** aisle_id is stored in 16 bits, department_id in 8 (the workers pack both into one Int32). */
export const kMaxAisleId = 0xffff;
export const kMaxDepartmentId = 0xff;
/** order_number and add_to_cart_order have no natural bound; this one keeps them exact in 32-bit columns. */
export const kMaxCount = 0x7fffffff;

/** Inclusive value ranges of the order fields. */
export const kDow = { min: 0, max: 6 } as const;
export const kHour = { min: 0, max: 23 } as const;
export const kDaysSincePrior = { min: 0, max: 30 } as const;
/** Ids, order_number and add_to_cart_order start at 1. */
export const kMinId = 1;
/** reordered is 0 or 1. */
export const kReordered = { min: 0, max: 1 } as const;

/**
 * Digits the fast loops take per integer field: 9 digits stay below 1e9, inside an Int32 and below every
 * id limit's digit count, so a value they read is exact; a longer field goes to the exact path.
 */
export const kFastMaxDigits = 9;

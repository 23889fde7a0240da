/**
 * Figures of the real Instacart data (Kaggle 2017) that the generator is calibrated to, as counts so
 * shares are exact. Source: ../shared/data/instacart/FACTS.md, except {@link kProductsByDepartment}
 * and {@link kAislesByDepartment}, which are counted from the Kaggle products.csv (aggregates only).
 */

/** Users in the real data: the scale-1 user count. */
export const kRealUsers = 206_209;
/** Products in the real data: the scale-1 catalogue size. */
export const kRealProducts = 49_688;
/** Orders in the real orders.csv (prior + train + test). */
export const kRealOrders = 3_421_083;
/** Users whose last order is `train` (the rest, 75,000, end in `test`). */
export const kRealTrainUsers = 131_209;

/** Orders by order_dow, 0..6. */
export const kOrdersByDow: readonly number[] = [600_905, 587_478, 467_260, 436_972, 426_339, 453_368, 448_761];

/** Orders by order_hour_of_day, 0..23. */
export const kOrdersByHour: readonly number[] = [
  22_758, 12_398, 7_539, 5_474, 5_527, 9_569, 30_529, 91_868, 178_201, 257_812, 288_418, 284_728, 272_841, 277_999,
  283_042, 283_639, 272_553, 228_795, 182_912, 140_569, 104_292, 78_109, 61_468, 40_043,
];

/** days_since_prior_order 0..30 over non-first orders (30 means "30 or more", hence its spike). */
export const kOrdersByDaysSincePrior: readonly number[] = [
  67_755, 145_247, 193_206, 217_005, 221_696, 214_503, 240_013, 320_608, 181_717, 118_188, 95_186, 80_970, 76_146,
  83_214, 100_230, 66_579, 46_941, 39_245, 35_881, 34_384, 38_527, 45_470, 32_012, 23_885, 20_712, 19_234, 19_016,
  22_013, 26_777, 19_191, 369_323,
];

/** Prior order lines by department_id 1..21 (index 0 is department 1), from the course join. */
export const kPriorLinesByDepartment: readonly number[] = [
  2_234_743, // 1 frozen
  36_291, // 2 other
  1_172_428, // 3 bakery
  9_479_291, // 4 produce
  153_696, // 5 alcohol
  269_253, // 6 international
  2_688_123, // 7 beverages
  97_716, // 8 pets
  866_627, // 9 dry goods pasta
  34_573, // 10 bulk
  447_572, // 11 personal care
  708_927, // 12 meat seafood
  1_875_369, // 13 pantry
  703_033, // 14 breakfast
  1_068_058, // 15 canned goods
  5_398_747, // 16 dairy eggs
  738_666, // 17 household
  423_802, // 18 babies
  2_887_550, // 19 snacks
  1_051_249, // 20 deli
  69_145, // 21 missing
];

/** Products by department_id 1..21 in the Kaggle products.csv (sums to 49,688). */
export const kProductsByDepartment: readonly number[] = [
  4_007, 548, 1_516, 1_684, 1_054, 1_139, 4_365, 972, 1_858, 38, 6_563, 907, 5_371, 1_115, 2_092, 3_449, 3_085, 1_081,
  6_264, 1_322, 1_258,
];

/** Aisles by department_id 1..21 in the Kaggle data (sums to 134). */
export const kAislesByDepartment: readonly number[] = [11, 1, 5, 5, 5, 4, 8, 2, 5, 2, 17, 7, 12, 4, 5, 10, 10, 4, 11, 5, 1];

/** Basket size means: prior 10.09, train 10.55 items per order. */
export const kMeanPriorBasket = 10.09;
export const kMeanTrainBasket = 10.55;

/** Share of prior lines that are reorders. */
export const kPriorReorderRate = 0.59;

/** Course customers: fam_status counts (married, single, divorced/widowed, living with parents and siblings). */
export const kFamStatusCounts = { married: 144_906, single: 33_962, divorcedWidowed: 17_640, livingWithParents: 9_701 } as const;
/** Course customers: blank first names (a planted fault) out of 206,209. */
export const kBlankFirstNames = 11_259;
/** Course customers: Male 104,067, Female 102,142. */
export const kMaleCustomers = 104_067;

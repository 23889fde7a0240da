/**
 * customers.csv like the course's: header `user_id,First Name,Surnam,Gender,STATE,Age,date_joined,
 * n_dependants,fam_status,income` (its typo kept), CRLF, one row per user_id. The course file is sorted
 * by date_joined with user ids shuffled within a day; we do the same, so the user order looks random.
 *
 * Memory: the main thread holds two small arrays per user (day joined, file order: 6 bytes each, 1.2 MB
 * at scale 1) and yields the file in ~1 MB chunks.
 */
import { ByteSink, bytesOf, kComma, kCr, kLf } from './csv-bytes.js';
import { sampleNormal } from './distributions.js';
import { kFamStatusCounts, kMaleCustomers, kRealUsers } from './facts.js';
import { kBlankFirstNameShare } from './faults.js';
import { kFemaleFirstNames, kMaleFirstNames, kStates, kSurnames } from './people.js';
import { Rng, RngStream, rngFor, shuffleInPlace } from './rng.js';

const kHeader = bytesOf('user_id,First Name,Surnam,Gender,STATE,Age,date_joined,n_dependants,fam_status,income\r\n');

/** date_joined spans 1/1/2017 .. 4/1/2020 inclusive: 1,187 days, uniform (the course has ~174 per day). */
const kFirstJoinUtc = Date.UTC(2017, 0, 1);
export const kJoinDays = 1187;
const kDayMs = 86_400_000;

/** Ages 18..81, uniform (the course has ~3,200 customers per age). */
const kMinAge = 18;
const kMaxAge = 81;
/** "living with parents and siblings" only at ages 18-21, where the course has 75 % of customers in it (9,701 of 12,940). */
const kMaxAgeWithParents = 21;
const kWithParentsShareOfYoung = 0.75;

/** fam_status values as the course writes them. */
export const FamStatus = {
  Married: 'married',
  Single: 'single',
  DivorcedWidowed: 'divorced/widowed',
  LivingWithParents: 'living with parents and siblings',
} as const;
export type FamStatus = (typeof FamStatus)[keyof typeof FamStatus];

/** Shares among customers not living with their parents: 144,906 / 33,962 / 17,640 of 196,508. */
const kOtherStatusTotal = kFamStatusCounts.married + kFamStatusCounts.single + kFamStatusCounts.divorcedWidowed;
const kMarriedShare = kFamStatusCounts.married / kOtherStatusTotal;
const kSingleShare = kFamStatusCounts.single / kOtherStatusTotal;

/**
 * Income, integers in [25,903, 593,901] (the course's range), right-skewed. Like the course, it depends
 * on age: under 40 about N(67,500, 19,500) (course median 66,900), 40+ about N(110,000, 38,000) (course
 * median 111,900); values below the minimum are redrawn. A 0.6 % tail of high earners spreads from
 * 170,000 to the maximum (the course's 99.5th percentile is ~170,000).
 */
const kMinIncome = 25_903;
const kMaxIncome = 593_901;
const kHighEarnerShare = 0.006;
const kHighEarnerFloor = 170_000;

const kMaleShare = kMaleCustomers / kRealUsers;

/** One customer row's values. */
export interface Customer {
  /** user_id. */
  readonly userId: number;
  /** First Name; empty when the --faults blank first name is planted. */
  readonly firstName: string;
  /** Surnam (sic). */
  readonly surname: string;
  /** Male or Female. */
  readonly gender: 'Male' | 'Female';
  /** STATE, a full state name. */
  readonly state: string;
  /** Age in years, 18..81. */
  readonly age: number;
  /** date_joined as days since 1/1/2017 (0..1186). */
  readonly joinDay: number;
  /** n_dependants, 0..3. */
  readonly dependants: number;
  /** fam_status. */
  readonly famStatus: FamStatus;
  /** income in dollars per year. */
  readonly income: number;
}

/** The values of one customer row. Rules as in the course: single and divorced/widowed have no dependants, married 1-3, living with parents only at 18-21. */
export function drawCustomer(rng: Rng, userId: number, joinDay: number, blankFirstNames: boolean): Customer {
  const male = rng.chance(kMaleShare);
  const firstNames = male ? kMaleFirstNames : kFemaleFirstNames;
  let firstName = firstNames[rng.int(firstNames.length)]!;
  const surname = kSurnames[rng.int(kSurnames.length)]!;
  const state = kStates[rng.int(kStates.length)]!;
  const age = rng.intBetween(kMinAge, kMaxAge);
  let famStatus: FamStatus;
  let dependants: number;
  if (age <= kMaxAgeWithParents && rng.chance(kWithParentsShareOfYoung)) {
    famStatus = FamStatus.LivingWithParents;
    dependants = rng.intBetween(1, 3); // siblings, as in the course (1-3)
  } else {
    const u = rng.float();
    famStatus = u < kMarriedShare ? FamStatus.Married : u < kMarriedShare + kSingleShare ? FamStatus.Single : FamStatus.DivorcedWidowed;
    dependants = famStatus === FamStatus.Married ? rng.intBetween(1, 3) : 0;
  }
  const income = drawIncome(rng, age);
  // Drawn whether or not faults are wanted, so the other columns are the same either way.
  if (rng.chance(kBlankFirstNameShare) && blankFirstNames) firstName = '';
  return { userId, firstName, surname, gender: male ? 'Male' : 'Female', state, age, joinDay, dependants, famStatus, income };
}

function drawIncome(rng: Rng, age: number): number {
  if (rng.chance(kHighEarnerShare)) {
    const u = rng.float();
    return Math.round(kHighEarnerFloor + (kMaxIncome - kHighEarnerFloor) * u * u * u);
  }
  const [mean, sd] = age < 40 ? [67_500, 19_500] : [110_000, 38_000];
  for (;;) {
    const income = Math.round(mean + sd * sampleNormal(rng));
    if (income >= kMinIncome && income < kHighEarnerFloor) return income;
  }
}

/** `M/D/YYYY`, no zero padding, like the course (`1/6/2017`). */
export function formatJoinDay(day: number): string {
  const date = new Date(kFirstJoinUtc + day * kDayMs);
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}`;
}

/**
 * The file order: user ids sorted by join day, shuffled within each day. Returns the ids in file order
 * and each one's join day.
 */
export function customerFileOrder(seed: number, users: number): { userIds: Int32Array; joinDays: Uint16Array } {
  const dateRng = rngFor(seed, RngStream.CustomerDates);
  const dayOfUser = new Uint16Array(users);
  const perDay = new Int32Array(kJoinDays + 1);
  for (let u = 0; u < users; u++) {
    const day = dateRng.int(kJoinDays);
    dayOfUser[u] = day;
    perDay[day + 1]!++;
  }
  for (let d = 1; d <= kJoinDays; d++) perDay[d]! += perDay[d - 1]!; // now: first position of each day
  const userIds = new Int32Array(users);
  const joinDays = new Uint16Array(users);
  const next = perDay.slice(0, kJoinDays);
  for (let u = 0; u < users; u++) {
    const day = dayOfUser[u]!;
    const position = next[day]!++;
    userIds[position] = u + 1;
    joinDays[position] = day;
  }
  const orderRng = rngFor(seed, RngStream.CustomerOrder);
  for (let d = 0; d < kJoinDays; d++) shuffleInPlace(orderRng, userIds, perDay[d]!, perDay[d + 1]!);
  return { userIds, joinDays };
}

/** Rows written and blank first names planted; filled in as the chunks are consumed. */
export interface CustomersTally {
  /** Data rows written. */
  rows: number;
  /** Rows with an empty First Name. */
  blankFirstNames: number;
}

/** Bytes per chunk handed to the writer. */
const kChunkBytes = 1 << 20;

/** customers.csv as ~1 MB chunks, header first. */
export function* customersFileChunks(seed: number, users: number, withFaults: boolean, tally: CustomersTally): Generator<Uint8Array> {
  const { userIds, joinDays } = customerFileOrder(seed, users);
  const rng = rngFor(seed, RngStream.CustomerRows);
  const dates = Array.from({ length: kJoinDays }, (_, day) => bytesOf(formatJoinDay(day)));
  const encoded = new Map<string, Uint8Array>();
  const bytes = (text: string): Uint8Array => {
    let b = encoded.get(text);
    if (b === undefined) encoded.set(text, (b = bytesOf(text)));
    return b;
  };
  const sink = new ByteSink(kChunkBytes + 4096);
  sink.bytes(kHeader);
  for (let position = 0; position < users; position++) {
    const c = drawCustomer(rng, userIds[position]!, joinDays[position]!, withFaults);
    sink.uint(c.userId);
    sink.byte(kComma);
    sink.bytes(bytes(c.firstName));
    sink.byte(kComma);
    sink.bytes(bytes(c.surname));
    sink.byte(kComma);
    sink.bytes(bytes(c.gender));
    sink.byte(kComma);
    sink.bytes(bytes(c.state));
    sink.byte(kComma);
    sink.uint(c.age);
    sink.byte(kComma);
    sink.bytes(dates[c.joinDay]!);
    sink.byte(kComma);
    sink.uint(c.dependants);
    sink.byte(kComma);
    sink.bytes(bytes(c.famStatus));
    sink.byte(kComma);
    sink.uint(c.income);
    sink.byte(kCr);
    sink.byte(kLf);
    tally.rows++;
    if (c.firstName === '') tally.blankFirstNames++;
    if (sink.length >= kChunkBytes) yield sink.take();
  }
  if (sink.length > 0) yield sink.take();
}

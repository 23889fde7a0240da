/**
 * customers.csv against the course's rules and shares (FACTS.md, course customers): fam_status
 * married 70.3 %, single 16.5 %, divorced/widowed 8.6 %, living with parents and siblings 4.7 %;
 * single and divorced/widowed have no dependants, married 1-3, living with parents only at ages 18-21.
 */
import test from 'ava';
import { dataLines, generateTemp, readText, type GeneratedData } from './generated-data.js';
import { splitFields } from '../helpers/csv-fields.js';

interface CustomerRow {
  userId: number;
  firstName: string;
  gender: string;
  state: string;
  age: number;
  joined: Date;
  dependants: number;
  famStatus: string;
  income: number;
}

let data: GeneratedData;
let customers: CustomerRow[];

test.before(async () => {
  data = await generateTemp({ scale: 0.03, seed: 5 }); // 6,186 customers
  const { lines } = dataLines(await readText(data.dir, 'customers.csv'), '\r\n');
  customers = lines.map((line) => {
    const f = splitFields(line);
    const [month, day, year] = f[6]!.split('/').map(Number);
    return {
      userId: Number(f[0]),
      firstName: f[1]!,
      gender: f[3]!,
      state: f[4]!,
      age: Number(f[5]),
      joined: new Date(Date.UTC(year!, month! - 1, day)),
      dependants: Number(f[7]),
      famStatus: f[8]!,
      income: Number(f[9]),
    };
  });
});

test.after.always(async () => {
  await data?.cleanup();
});

test('one row per user id, in shuffled order sorted by date joined', (t) => {
  const ids = customers.map((c) => c.userId);
  t.deepEqual([...ids].sort((a, b) => a - b), Array.from({ length: data.summary.users }, (_, i) => i + 1));
  const ascendingPairs = ids.filter((id, i) => i > 0 && ids[i - 1]! < id).length;
  t.true(ascendingPairs < ids.length * 0.6, 'user ids are not in id order');
  t.true(customers.every((c, i) => i === 0 || customers[i - 1]!.joined <= c.joined), 'sorted by date_joined');
  t.true(customers[0]!.joined >= new Date(Date.UTC(2017, 0, 1)));
  t.true(customers.at(-1)!.joined <= new Date(Date.UTC(2020, 3, 1)));
});

test('family status follows the course rules', (t) => {
  const broken = customers.filter((c) => {
    switch (c.famStatus) {
      case 'single':
      case 'divorced/widowed':
        return c.dependants !== 0;
      case 'married':
        return c.dependants < 1 || c.dependants > 3;
      case 'living with parents and siblings':
        return c.age < 18 || c.age > 21 || c.dependants < 1 || c.dependants > 3;
      default:
        return true;
    }
  });
  t.deepEqual(broken.slice(0, 3), []);
});

test('family status, gender, age, state and income are distributed like the course', (t) => {
  const share = (keep: (c: CustomerRow) => boolean): number => customers.filter(keep).length / customers.length;
  t.true(Math.abs(share((c) => c.famStatus === 'married') - 0.703) < 0.025);
  t.true(Math.abs(share((c) => c.famStatus === 'single') - 0.165) < 0.02);
  t.true(Math.abs(share((c) => c.famStatus === 'divorced/widowed') - 0.086) < 0.015);
  t.true(Math.abs(share((c) => c.famStatus === 'living with parents and siblings') - 0.047) < 0.01);
  t.true(Math.abs(share((c) => c.gender === 'Male') - 0.505) < 0.03);
  t.true(customers.every((c) => c.age >= 18 && c.age <= 81));
  t.true(customers.every((c) => c.income >= 25_903 && c.income <= 593_901 && Number.isInteger(c.income)));
  const incomes = customers.map((c) => c.income).sort((a, b) => a - b);
  const median = incomes[incomes.length >> 1]!;
  t.true(median > 80_000 && median < 110_000, `median income ${median}`); // course 93,547
  t.true(incomes.at(-1)! > 2 * incomes[Math.floor(incomes.length * 0.99)]! * 0.6, 'a long right tail');
  const perState = new Map<string, number>();
  for (const c of customers) perState.set(c.state, (perState.get(c.state) ?? 0) + 1);
  t.is(perState.size, 51);
  t.true(perState.has('District of Columbia'));
  const expected = customers.length / 51;
  t.true([...perState.values()].every((n) => Math.abs(n - expected) < expected * 0.35), 'about even over states');
  t.true(customers.every((c) => c.firstName !== ''), 'no blank first names without --faults');
});

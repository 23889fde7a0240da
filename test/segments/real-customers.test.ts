/**
 * The course's customers file (data/instacart/careerfoundry/customers.csv.gz), when ../shared is there:
 * the demographic flags of every row (all 206,209 users, with orders or not) match the course's
 * figures (data/instacart/FACTS.md): regions by the Census rule, family statuses as written.
 */
import test from 'ava';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../../src/config/index.js';
import { loadCustomers } from '../../src/sources/customers.js';
import { ageGroupOf, incomeGroupOf, kLabels, parentOf, profileOf, regionOf } from '../../src/segments/flags.js';

const kFile = resolve(process.cwd(), '../shared/data/instacart/careerfoundry/customers.csv.gz');

if (!existsSync(kFile)) {
  test.skip(`the course's customers: skipped, ${kFile} does not exist here (it runs where ../shared/data/instacart is, as in CI)`, () => {});
} else {
  test("the course's customers: regions and family statuses of every row match the course's counts", async (t) => {
    const { customers, report } = await loadCustomers({ role: 'customers', path: kFile, name: 'customers.csv.gz', gzip: true, size: statSync(kFile).size, mtimeMs: 0 }, 'fast', defaultConfig);
    t.is(report.read, 206_209);
    t.is(customers.count, 206_209);
    const regions = new Map<string, number>();
    const statuses = new Map<string, number>();
    const profiles = new Map<string, number>();
    const incomes = new Map<string, number>();
    for (let u = 0; u < customers.slots; u++) {
      if (customers.known[u] !== 1) continue;
      const region = kLabels.region[regionOf(customers.state.values[customers.state.codes[u]!]!)]!;
      regions.set(region, (regions.get(region) ?? 0) + 1);
      const status = customers.familyStatus.values[customers.familyStatus.codes[u]!]!;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const age = ageGroupOf(customers.age[u]!, defaultConfig);
      const profile = kLabels.profile[profileOf(age, parentOf(customers.dependants[u]!))]!;
      profiles.set(profile, (profiles.get(profile) ?? 0) + 1);
      const income = kLabels.income_group[incomeGroupOf(customers.income[u]!, defaultConfig)]!;
      incomes.set(income, (incomes.get(income) ?? 0) + 1);
    }
    t.deepEqual(Object.fromEntries(regions), { South: 68_737, West: 52_565, Midwest: 48_519, Northeast: 36_388 });
    t.deepEqual(Object.fromEntries(statuses), { married: 144_906, single: 33_962, 'divorced/widowed': 17_640, 'living with parents and siblings': 9_701 });
    // Every customer has an age (18-81), dependants and an income: no profile or income group is Unknown.
    t.false(profiles.has('Unknown'));
    t.false(incomes.has('Unknown'));
    t.is([...profiles.values()].reduce((a, b) => a + b, 0), 206_209);
  });
}

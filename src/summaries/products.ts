/**
 * Q3 (price ranges) and Q4 (popular departments, aisles, products). Items and reorders come per
 * product from the partials; revenue per product is items with a known price x price, in cents.
 * `customers` counts every customer (low activity included): these are not segment tables.
 */
import { aisleName, departmentName, ratio, type AnalysisInput } from './input.js';
import type { Cell, Table } from './table.js';

/** The range of a price in cents (-1 = unknown), by the configured bounds. */
export function priceRange(priceCents: number, lowMaxCents: number, midMaxCents: number): string {
  if (priceCents < 0) return 'Unknown price';
  if (priceCents <= lowMaxCents) return 'Low-range product';
  if (priceCents <= midMaxCents) return 'Mid-range product';
  return 'High-range product';
}

export const kPriceRanges = ['Low-range product', 'Mid-range product', 'High-range product', 'Unknown price'] as const;

export function priceRanges(input: AnalysisInput): Table {
  const { catalogue, totals, config } = input;
  const lowMax = Math.round(config.lowPriceMax * 100);
  const midMax = Math.round(config.midPriceMax * 100);
  const rows = new Map(kPriceRanges.map((range) => [range as string, { products: 0, items: 0, revenueCents: 0 }]));
  let items = 0;
  let revenueCents = 0;
  for (let id = 0; id < catalogue.slots; id++) {
    if (catalogue.known[id] === 0) continue;
    const price = catalogue.priceCents[id]!;
    const row = rows.get(priceRange(price, lowMax, midMax))!;
    const n = id < totals.productItems.length ? totals.productItems[id]! : 0;
    row.products++;
    row.items += n;
    items += n;
    if (price >= 0) {
      row.revenueCents += n * price;
      revenueCents += n * price;
    }
  }
  const noPrices = !catalogue.hasPrices;
  return {
    name: 'price_ranges',
    grain: 'one row per price range (all four, always)',
    columns: [
      { name: 'price_range', kind: 'text' },
      { name: 'products', kind: 'int' },
      { name: 'items', kind: 'int' },
      { name: 'revenue', kind: 'money' },
      { name: 'share_of_items', kind: 'share' },
      { name: 'share_of_revenue', kind: 'share' },
    ],
    rows: [...rows].map(([range, r]) => [range, r.products, r.items, noPrices ? 'no prices' : r.revenueCents / 100, ratio(r.items, items), noPrices ? 'no prices' : ratio(r.revenueCents, revenueCents)]),
  };
}

interface ProductGroup {
  id: number;
  items: number;
  revenueCents: number;
  reorders: number;
  customers: number;
}

/**
 * Items, revenue and reorders per group id (department, aisle or product), from the per-product
 * partials, in typed arrays indexed by id (a Map per product cost 3x more on the full catalogue).
 */
function groupProducts(input: AnalysisInput, groupOf: (product: number) => number, groupSlots: number): Map<number, ProductGroup> {
  const { catalogue, totals } = input;
  const items = new Float64Array(groupSlots);
  const revenueCents = new Float64Array(groupSlots);
  const reorders = new Float64Array(groupSlots);
  const n = Math.min(catalogue.slots, totals.productItems.length);
  for (let id = 0; id < n; id++) {
    const count = totals.productItems[id]!;
    if (count === 0 || catalogue.known[id] === 0) continue;
    const key = groupOf(id);
    items[key]! += count;
    reorders[key]! += totals.productReorders[id]!;
    const price = catalogue.priceCents[id]!;
    if (price >= 0) revenueCents[key]! += count * price;
  }
  const groups = new Map<number, ProductGroup>();
  for (let key = 0; key < groupSlots; key++) {
    if (items[key] !== 0) groups.set(key, { id: key, items: items[key]!, revenueCents: revenueCents[key]!, reorders: reorders[key]!, customers: 0 });
  }
  return groups;
}

function byItems(a: ProductGroup, b: ProductGroup): number {
  return b.items - a.items || a.id - b.id;
}

/** The `n` first groups by items (ties to the lower id), without sorting all 50k products. */
function topByItems(groups: ProductGroup[], n: number): ProductGroup[] {
  if (groups.length <= n) return groups.sort(byItems);
  const items = Float64Array.from(groups, (g) => g.items).sort();
  const threshold = items[items.length - n]!; // the n-th largest: ties at it are decided by id below
  return groups.filter((g) => g.items >= threshold).sort(byItems).slice(0, n);
}

export function departmentPopularity(input: AnalysisInput): Table {
  const groups = groupProducts(input, (id) => input.catalogue.department[id]!, 256);
  // Customers per department: one pass over the user x department counts.
  const { userDeptItems } = input.totals;
  const slots = input.deptSlots;
  const customersByDept = new Float64Array(slots);
  for (let base = 0; base < userDeptItems.length; base += slots) {
    for (let d = 0; d < slots; d++) if (userDeptItems[base + d] !== 0) customersByDept[d]!++;
  }
  for (const g of groups.values()) g.customers = customersByDept[g.id] ?? 0;
  const { items, revenueCents } = sums(groups);
  const noPrices = !input.catalogue.hasPrices;
  return {
    name: 'department_popularity',
    grain: 'one row per department with items, most items first',
    columns: [
      { name: 'department_id', kind: 'int' },
      { name: 'department', kind: 'text' },
      { name: 'items', kind: 'int' },
      { name: 'share_of_items', kind: 'share' },
      { name: 'revenue', kind: 'money' },
      { name: 'share_of_revenue', kind: 'share' },
      { name: 'reorder_rate', kind: 'share' },
      { name: 'customers', kind: 'int' },
    ],
    rows: [...groups.values()].sort(byItems).map((g) => [
      g.id,
      departmentName(input, g.id),
      g.items,
      ratio(g.items, items),
      noPrices ? 'no prices' : g.revenueCents / 100,
      noPrices ? 'no prices' : ratio(g.revenueCents, revenueCents),
      ratio(g.reorders, g.items),
      g.customers,
    ]),
  };
}

/** An aisle's department: the department of most of its catalogue products (ties to the lower id). */
export function aisleDepartments(input: AnalysisInput): Map<number, number> {
  const counts = new Map<number, Map<number, number>>();
  const { catalogue } = input;
  for (let id = 0; id < catalogue.slots; id++) {
    if (catalogue.known[id] === 0) continue;
    const aisle = catalogue.aisle[id]!;
    const byDept = counts.get(aisle) ?? new Map<number, number>();
    counts.set(aisle, byDept);
    const dept = catalogue.department[id]!;
    byDept.set(dept, (byDept.get(dept) ?? 0) + 1);
  }
  const result = new Map<number, number>();
  for (const [aisle, byDept] of counts) {
    const [best] = [...byDept].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    result.set(aisle, best![0]);
  }
  return result;
}

export function aislePopularity(input: AnalysisInput): Table {
  const groups = groupProducts(input, (id) => input.catalogue.aisle[id]!, 65536);
  // Customers per aisle: one pass over every user's bit set, counting set bits by position.
  const { userAisleBits } = input.totals;
  const words = input.aisleWords;
  const customersByAisle = new Float64Array(words * 32);
  for (let i = 0; i < userAisleBits.length; i++) {
    let word = userAisleBits[i]!;
    const base = (i % words) * 32;
    while (word !== 0) {
      customersByAisle[base + 31 - Math.clz32(word & -word)]!++;
      word &= word - 1;
    }
  }
  for (const g of groups.values()) g.customers = customersByAisle[g.id] ?? 0;
  const departments = aisleDepartments(input);
  const { items } = sums(groups);
  const noPrices = !input.catalogue.hasPrices;
  return {
    name: 'aisle_popularity',
    grain: 'one row per aisle with items, most items first',
    columns: [
      { name: 'aisle_id', kind: 'int' },
      { name: 'aisle', kind: 'text' },
      { name: 'department', kind: 'text' },
      { name: 'items', kind: 'int' },
      { name: 'share_of_items', kind: 'share' },
      { name: 'revenue', kind: 'money' },
      { name: 'reorder_rate', kind: 'share' },
      { name: 'customers', kind: 'int' },
    ],
    rows: [...groups.values()].sort(byItems).map((g) => [
      g.id,
      aisleName(input, g.id),
      departmentName(input, departments.get(g.id)!),
      g.items,
      ratio(g.items, items),
      noPrices ? 'no prices' : g.revenueCents / 100,
      ratio(g.reorders, g.items),
      g.customers,
    ]),
  };
}

export function topProducts(input: AnalysisInput): Table {
  const groups = groupProducts(input, (id) => id, input.catalogue.slots);
  const { catalogue } = input;
  const noPrices = !catalogue.hasPrices;
  const rows: Cell[][] = topByItems([...groups.values()], input.config.topProducts)
    .map((g) => [
      g.id,
      catalogue.names[g.id]!,
      departmentName(input, catalogue.department[g.id]!),
      aisleName(input, catalogue.aisle[g.id]!),
      g.items,
      noPrices ? 'no prices' : g.revenueCents / 100,
      ratio(g.reorders, g.items),
    ]);
  return {
    name: 'top_products',
    grain: `one row per product, the ${input.config.topProducts} with most items (ties to the lower product_id)`,
    columns: [
      { name: 'product_id', kind: 'int' },
      { name: 'product_name', kind: 'text' },
      { name: 'department', kind: 'text' },
      { name: 'aisle', kind: 'text' },
      { name: 'items', kind: 'int' },
      { name: 'revenue', kind: 'money' },
      { name: 'reorder_rate', kind: 'share' },
    ],
    rows,
  };
}

function sums(groups: Map<number, ProductGroup>): { items: number; revenueCents: number } {
  let items = 0;
  let revenueCents = 0;
  for (const g of groups.values()) {
    items += g.items;
    revenueCents += g.revenueCents;
  }
  return { items, revenueCents };
}

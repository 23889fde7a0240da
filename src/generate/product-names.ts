/**
 * Synthetic product names from small word lists: an aisle's item noun with a brand, a modifier, a
 * variety and a size around it ("Copper Kettle Organic Sea Salt Kettle Chips 8 oz"). About 6 % of names
 * carry a comma and 0.3 % a double quote, like the course file (3,330 quoted names of 49,693), so the
 * CSV quoting path is exercised. Names are unique within a catalogue.
 */
import type { Catalogue } from './catalogue.js';
import { Rng, RngStream, rngFor } from './rng.js';
import { kAisles, kDepartments } from './taxonomy.js';

const kBrands = [
  'Maple Hollow', 'Sunny Acres', 'Blue Ridge', 'Golden Field', 'Harbor Point', 'Green Meadow', 'Copper Kettle',
  'Red Barn', 'Silver Creek', 'Oak & Ivy', 'Little Sprout', 'Prairie Gold', 'Northwind', 'Stonebridge',
  'Willow Bend', 'Bright Morning', 'Cedar Lane', 'Twin Pines', 'Hearth & Home', 'Juniper Row', 'Pacific Crest',
  'Meadowlark', 'Cloverleaf', 'Honey Hill', 'Riverbend', 'Summit Peak', 'Bay Street', 'Market Table',
  'Trailhead', 'Lakeside', 'Farmstead', 'Highland Mill', 'Sweetwater', 'Wildflower', 'Evergreen', 'Bramble & Vine',
  'Hillside', 'Fox Run', 'Canyon Ridge', 'Daybreak',
];

const kModifiers = [
  'Organic', 'Organic', 'Organic', 'Original', 'Classic', 'Natural', 'Premium', 'Lite', 'Gluten Free',
  'Reduced Sodium', 'Unsweetened', 'Low Fat', 'Homestyle', 'Simply', 'Extra', 'Everyday', 'Whole',
];
/** Fresh produce is rarely "Lite" or "Homestyle": its own few modifiers ("Bag of Organic Bananas"). */
const kProduceModifiers = ['Organic', 'Organic', 'Organic', 'Fresh', 'Bag of', 'Bag of Organic'];

/** Varieties by department name; departments not listed use kGenericVarieties. */
const kVarieties: Readonly<Record<string, readonly string[]>> = {
  produce: ['Baby', 'Red', 'Yellow', 'Green', 'Seedless', 'Sweet', 'Heirloom', 'Large', 'Mini', 'Rainbow', 'Local'],
  frozen: ['Four Cheese', 'Chicken Teriyaki', 'Vegetable', 'Pepperoni', 'Margherita', 'Mint Chip', 'Vanilla Bean', 'Mango', 'Beef & Broccoli', 'Mushroom'],
  bakery: ['Multigrain', 'Honey Wheat', 'Cinnamon Raisin', 'Everything', 'Blueberry', 'Double Chocolate', 'Seeded', 'Brioche'],
  alcohol: ['Reserve', 'California', 'Dry', 'Hazy', 'Barrel Aged', 'Small Batch', 'Sparkling', 'Oaked'],
  beverages: ['Lemon Lime', 'Black Cherry', 'Grapefruit', 'Peach', 'Vanilla', 'Dark Roast', 'Mango', 'Ginger', 'Berry'],
  'dairy eggs': ['Vanilla', 'Strawberry', 'Plain', 'Sharp', 'Mild', 'Cage Free', 'Pasture Raised', 'Grass-Fed', 'Honey'],
  snacks: ['Sea Salt', 'Barbecue', 'Sour Cream & Onion', 'Chocolate Chip', 'Peanut Butter', 'Cheddar', 'Honey Roasted', 'Cinnamon'],
  'personal care': ['Lavender', 'Unscented', 'Coconut', 'Tea Tree', 'Sensitive', 'Fresh Mint', 'Eucalyptus', 'Charcoal'],
  household: ['Lemon', 'Free & Clear', 'Lavender', 'Ultra', 'Heavy Duty', 'Original Scent', 'Mountain Fresh'],
  'meat seafood': ['Boneless Skinless', 'Grass-Fed', 'Wild Caught', 'Smoked', 'Thick Cut', 'Hickory', 'Lean', 'Sweet Italian'],
  pets: ['Chicken & Rice', 'Salmon', 'Turkey', 'Grain Free', 'Senior', 'Puppy', 'Indoor'],
  babies: ['Stage 1', 'Stage 2', 'Apple Pear', 'Banana Blueberry', 'Sensitive', 'Newborn', 'Size 3'],
};
const kGenericVarieties = ['Garlic Herb', 'Tomato Basil', 'Spicy', 'Mild', 'Smoky', 'Roasted', 'Honey', 'Lemon Pepper', 'Whole Grain', 'Chipotle'];

const kSizes = ['8 oz', '12 oz', '16 oz', '24 oz', '32 oz', '6 ct', '12 ct', '1 lb', '2 lb', 'Family Size', 'Multipack', 'Value Pack', 'Single Serve'];
const kSizesByDepartment: Readonly<Record<string, readonly string[]>> = {
  produce: ['1 lb', '2 lb', '3 lb', 'Bunch', 'Clamshell', 'Each'],
  alcohol: ['6 pk', '12 pk', '750 ml', '1.5 L', '4 pk Cans'],
  beverages: ['12 pk', '1 L', '64 fl oz', '6 ct', '16.9 fl oz', '2 L'],
  'personal care': ['8 fl oz', '12 fl oz', '3.4 oz', '60 ct', 'Travel Size', 'Twin Pack'],
  household: ['6 Rolls', '12 Rolls', '50 ct', '100 oz', '2 Pack', '24 ct'],
};
const kInches = [6, 8, 9, 10, 12];
/** Departments where an inch size reads naturally (`9" Pie Crust`, `10" Paper Plates`). */
const kInchDepartments = new Set(['frozen', 'bakery', 'household', 'other']);

/** Share of names written `Item, Variety` (quoted in the CSV). */
const kCommaShare = 0.06;
/**
 * Share of names with an inch mark (`9" ...`), which the CSV writes with doubled quotes. Drawn for every
 * product, kept only in kInchDepartments (~19 % of products), so ~0.2 % of names, like the course's 0.24 %.
 */
const kQuoteShare = 0.012;

function pick<T>(rng: Rng, values: readonly T[]): T {
  return values[rng.int(values.length)]!;
}

/** One candidate name for a product in `aisleId`. */
function draftName(rng: Rng, aisleId: number, departmentName: string): string {
  const item = pick(rng, kAisles[aisleId - 1]!.items);
  const variety = pick(rng, kVarieties[departmentName] ?? kGenericVarieties);
  const branded = departmentName === 'produce' ? rng.chance(0.1) : rng.chance(0.7);
  const words: string[] = [];
  if (branded) words.push(pick(rng, kBrands));
  if (rng.chance(0.3)) words.push(pick(rng, departmentName === 'produce' ? kProduceModifiers : kModifiers));
  const u = rng.float();
  if (u < kQuoteShare && kInchDepartments.has(departmentName)) {
    words.push(`${pick(rng, kInches)}"`, item);
  } else if (u < kQuoteShare + kCommaShare) {
    words.push(`${item},`, variety);
  } else {
    if (rng.chance(departmentName === 'produce' ? 0.4 : 0.7)) words.push(variety);
    words.push(item);
  }
  if (rng.chance(0.25)) words.push(pick(rng, kSizesByDepartment[departmentName] ?? kSizes));
  return words.join(' ');
}

/** product_name for every product (index = product_id - 1), unique within the catalogue. */
export function productNames(seed: number, catalogue: Catalogue): string[] {
  const rng = rngFor(seed, RngStream.ProductNames);
  const names: string[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < catalogue.productCount; index++) {
    const aisleId = catalogue.aisleId[index]!;
    const departmentName = kDepartments[catalogue.departmentId[index]! - 1]!;
    let name = draftName(rng, aisleId, departmentName);
    for (let attempt = 0; seen.has(name) && attempt < 20; attempt++) name = draftName(rng, aisleId, departmentName);
    for (let n = 2; seen.has(name); n++) name = `${name.replace(/ Pack of \d+$/, '')} Pack of ${n}`;
    seen.add(name);
    names.push(name);
  }
  return names;
}

/** A name in `aisleId` not in `taken`: the extra row of a conflicting product id (a different product under the same id). */
export function extraProductName(rng: Rng, aisleId: number, taken: ReadonlySet<string>): string {
  const departmentName = kDepartments[kAisles[aisleId - 1]!.departmentId - 1]!;
  let name = draftName(rng, aisleId, departmentName);
  while (taken.has(name)) name = draftName(rng, aisleId, departmentName);
  return name;
}

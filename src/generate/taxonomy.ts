/**
 * Departments and aisles. Departments are the 21 real ones in their real id order (downstream exports
 * name them, and FACTS.md's line shares are per department). Aisles are our own: 134 plausible names,
 * as many per department as in the Kaggle data, each with the item nouns its products are named after.
 * Both are fixed: the same for every seed and scale.
 */
import { kAislesByDepartment } from './facts.js';

/** Department names; department_id = index + 1. */
export const kDepartments: readonly string[] = [
  'frozen',
  'other',
  'bakery',
  'produce',
  'alcohol',
  'international',
  'beverages',
  'pets',
  'dry goods pasta',
  'bulk',
  'personal care',
  'meat seafood',
  'pantry',
  'breakfast',
  'canned goods',
  'dairy eggs',
  'household',
  'babies',
  'snacks',
  'deli',
  'missing',
];

/** One aisle: its name and the nouns its products are named after. */
export interface AisleSpec {
  /** Aisle name as written in aisles.csv (lower case, like the real file). */
  readonly name: string;
  /** department_id, 1..21. */
  readonly departmentId: number;
  /** Item nouns for product names ("Chips", "Tortilla Chips"). */
  readonly items: readonly string[];
}

/** Aisles per department, in department order; ids are assigned by {@link aisleTable}. */
const kAislesByDepartmentName: Readonly<Record<string, readonly (readonly [string, readonly string[]])[]>> = {
  frozen: [
    ['frozen dinners', ['Dinner', 'Entree', 'Bowl', 'Skillet Meal']],
    ['frozen pizza', ['Pizza', 'Flatbread Pizza', 'Pizza Rolls']],
    ['ice cream novelties', ['Ice Cream', 'Ice Cream Bars', 'Gelato', 'Sorbet']],
    ['frozen vegetable mixes', ['Mixed Vegetables', 'Sweet Peas', 'Cut Green Beans', 'Broccoli Florets']],
    ['frozen berries', ['Blueberries', 'Mixed Berries', 'Mango Chunks', 'Strawberries']],
    ['frozen waffles pancakes', ['Waffles', 'Pancakes', 'French Toast Sticks']],
    ['frozen appetizers', ['Dumplings', 'Egg Rolls', 'Mozzarella Sticks', 'Potstickers']],
    ['frozen fish', ['Fish Fillets', 'Breaded Shrimp', 'Fish Sticks']],
    ['frozen pies cakes', ['Pie', 'Cheesecake', 'Layer Cake']],
    ['frozen dough', ['Pie Crust', 'Puff Pastry', 'Dinner Rolls Dough']],
    ['ice freezer packs', ['Ice Cubes', 'Crushed Ice', 'Freezer Pops']],
  ],
  other: [['general merchandise', ['Gift Card', 'Reusable Tote', 'Party Candles', 'Greeting Card']]],
  bakery: [
    ['sandwich bread', ['Sandwich Bread', 'Whole Wheat Bread', 'Sourdough Loaf', 'Rye Bread']],
    ['bagels muffins', ['Bagels', 'English Muffins', 'Muffins']],
    ['cakes cookies', ['Cookies', 'Cupcakes', 'Brownies', 'Pound Cake']],
    ['rolls buns', ['Hamburger Buns', 'Hot Dog Buns', 'Dinner Rolls', 'Brioche Buns']],
    ['wraps pitas', ['Pita Bread', 'Wraps', 'Naan', 'Flour Tortillas']],
  ],
  produce: [
    ['orchard fruit', ['Bananas', 'Apples', 'Pears', 'Peaches', 'Lemons', 'Limes', 'Avocados', 'Strawberries', 'Blueberries', 'Grapes']],
    ['leafy greens', ['Baby Spinach', 'Kale', 'Romaine Hearts', 'Spring Mix', 'Arugula']],
    ['root vegetables', ['Carrots', 'Sweet Potatoes', 'Yellow Onions', 'Garlic', 'Beets', 'Potatoes']],
    ['fresh herbs', ['Cilantro', 'Basil', 'Italian Parsley', 'Ginger Root', 'Mint']],
    ['cut fruit vegetables', ['Cucumbers', 'Zucchini', 'Bell Peppers', 'Tomatoes', 'Broccoli Crowns', 'Celery']],
  ],
  alcohol: [
    ['craft beer', ['IPA', 'Pale Ale', 'Lager', 'Stout']],
    ['red wine', ['Cabernet Sauvignon', 'Pinot Noir', 'Merlot', 'Red Blend']],
    ['white wine', ['Chardonnay', 'Sauvignon Blanc', 'Pinot Grigio', 'Rose']],
    ['spirits', ['Vodka', 'Bourbon', 'Tequila', 'Gin']],
    ['hard seltzer cider', ['Hard Seltzer', 'Hard Cider', 'Spiked Lemonade']],
  ],
  international: [
    ['east asian pantry', ['Soy Sauce', 'Ramen Noodles', 'Curry Paste', 'Rice Noodles']],
    ['mexican pantry', ['Salsa', 'Taco Shells', 'Refried Beans', 'Enchilada Sauce']],
    ['mediterranean pantry', ['Tahini', 'Couscous', 'Stuffed Grape Leaves', 'Harissa']],
    ['south asian pantry', ['Simmer Sauce', 'Basmati Rice', 'Chutney', 'Papadums']],
  ],
  beverages: [
    ['sparkling water', ['Sparkling Water', 'Seltzer', 'Mineral Water']],
    ['soft drinks', ['Soda', 'Cola', 'Ginger Ale', 'Root Beer']],
    ['fruit juices', ['Orange Juice', 'Apple Juice', 'Lemonade', 'Cranberry Juice']],
    ['coffee beans', ['Ground Coffee', 'Whole Bean Coffee', 'Cold Brew', 'Coffee Pods']],
    ['loose tea', ['Green Tea', 'Black Tea', 'Herbal Tea', 'Chai']],
    ['sports drinks', ['Sports Drink', 'Electrolyte Water', 'Energy Drink']],
    ['plant milks', ['Almond Milk', 'Oat Milk', 'Soy Milk', 'Coconut Milk']],
    ['kombucha', ['Kombucha', 'Probiotic Drink', 'Sparkling Tea']],
  ],
  pets: [
    ['dog food treats', ['Dog Food', 'Dog Treats', 'Dog Biscuits']],
    ['cat food litter', ['Cat Food', 'Cat Litter', 'Cat Treats']],
  ],
  'dry goods pasta': [
    ['dried pasta', ['Spaghetti', 'Penne Rigate', 'Rotini', 'Elbow Macaroni', 'Linguine']],
    ['rice grains', ['Jasmine Rice', 'Brown Rice', 'Quinoa', 'Farro']],
    ['boxed dinners', ['Macaroni & Cheese', 'Rice Pilaf', 'Pasta Dinner']],
    ['pasta sauce', ['Marinara Sauce', 'Alfredo Sauce', 'Pesto', 'Vodka Sauce']],
    ['dry beans lentils', ['Black Beans', 'Red Lentils', 'Chickpeas', 'Split Peas']],
  ],
  bulk: [
    ['bulk nuts seeds', ['Raw Almonds', 'Cashews', 'Sunflower Seeds', 'Walnut Halves']],
    ['bulk grains', ['Rolled Oats', 'Granola', 'Dried Apricots']],
  ],
  'personal care': [
    ['shampoo', ['Shampoo', 'Dry Shampoo']],
    ['conditioner', ['Conditioner', 'Leave-In Conditioner', 'Hair Mask']],
    ['body wash', ['Body Wash', 'Shower Gel', 'Body Scrub']],
    ['bar soap', ['Bar Soap', 'Hand Soap', 'Castile Soap']],
    ['toothpaste', ['Toothpaste', 'Whitening Toothpaste', 'Mouthwash']],
    ['dental floss', ['Dental Floss', 'Floss Picks', 'Toothbrush']],
    ['deodorant', ['Deodorant', 'Antiperspirant']],
    ['shaving', ['Shave Gel', 'Razor Cartridges', 'Aftershave Balm']],
    ['skin lotion', ['Body Lotion', 'Face Moisturizer', 'Hand Cream']],
    ['sun care', ['Sunscreen Lotion', 'Sunscreen Spray', 'After Sun Gel']],
    ['vitamins', ['Multivitamin', 'Vitamin D3', 'Fish Oil', 'Probiotic Capsules']],
    ['cold flu remedies', ['Cough Drops', 'Cold Relief', 'Nasal Spray']],
    ['pain relief', ['Pain Reliever Tablets', 'Muscle Rub', 'Heat Patches']],
    ['first aid', ['Bandages', 'Antiseptic Wipes', 'First Aid Ointment']],
    ['feminine hygiene', ['Pads', 'Tampons', 'Liners']],
    ['cosmetics', ['Lip Balm', 'Mascara', 'Nail Polish', 'Makeup Remover Wipes']],
    ['hair styling', ['Hair Gel', 'Styling Cream', 'Hair Spray']],
  ],
  'meat seafood': [
    ['fresh chicken', ['Chicken Breasts', 'Chicken Thighs', 'Whole Chicken', 'Chicken Wings']],
    ['beef cuts', ['Ground Beef', 'Ribeye Steak', 'Beef Stew Meat', 'Sirloin Steak']],
    ['pork cuts', ['Pork Chops', 'Pork Tenderloin', 'Ground Pork']],
    ['sausages', ['Italian Sausage', 'Breakfast Sausage', 'Bratwurst', 'Chicken Sausage']],
    ['fresh fish', ['Salmon Fillet', 'Cod Fillet', 'Tilapia Fillet']],
    ['shellfish', ['Shrimp', 'Scallops', 'Crab Legs']],
    ['bacon ham', ['Bacon', 'Turkey Bacon', 'Ham Steak']],
  ],
  pantry: [
    ['baking flour sugar', ['All-Purpose Flour', 'Cane Sugar', 'Brown Sugar', 'Baking Soda']],
    ['spices seasonings', ['Sea Salt', 'Black Pepper', 'Ground Cinnamon', 'Garlic Powder', 'Seasoning Blend']],
    ['cooking oil vinegar', ['Olive Oil', 'Avocado Oil', 'Apple Cider Vinegar', 'Balsamic Vinegar']],
    ['condiments', ['Ketchup', 'Yellow Mustard', 'Mayonnaise', 'Relish']],
    ['salad dressings', ['Ranch Dressing', 'Vinaigrette', 'Caesar Dressing']],
    ['honey syrups', ['Honey', 'Maple Syrup', 'Agave Nectar']],
    ['nut butters', ['Peanut Butter', 'Almond Butter', 'Hazelnut Spread']],
    ['jams jellies', ['Strawberry Jam', 'Grape Jelly', 'Fruit Spread']],
    ['baking mixes', ['Brownie Mix', 'Cake Mix', 'Cornbread Mix']],
    ['pickles olives', ['Dill Pickles', 'Kalamata Olives', 'Capers']],
    ['hot sauce', ['Hot Sauce', 'Sriracha', 'Chili Crisp']],
    ['broth stock', ['Chicken Broth', 'Vegetable Stock', 'Bone Broth']],
  ],
  breakfast: [
    ['cold cereal', ['Cereal', 'Corn Flakes', 'Granola Clusters']],
    ['oatmeal hot cereal', ['Instant Oatmeal', 'Steel Cut Oats', 'Cream of Wheat']],
    ['breakfast bars', ['Breakfast Bars', 'Toaster Pastries', 'Breakfast Biscuits']],
    ['pancake mixes', ['Pancake Mix', 'Waffle Mix', 'Pancake Syrup']],
  ],
  'canned goods': [
    ['canned soup', ['Tomato Soup', 'Chicken Noodle Soup', 'Lentil Soup', 'Minestrone']],
    ['canned vegetables', ['Sweet Corn', 'Green Beans', 'Sliced Beets']],
    ['canned tomatoes', ['Diced Tomatoes', 'Tomato Paste', 'Crushed Tomatoes']],
    ['canned fish meat', ['Chunk Light Tuna', 'Wild Salmon', 'Sardines']],
    ['canned fruit', ['Pineapple Chunks', 'Peach Slices', 'Mandarin Oranges']],
  ],
  'dairy eggs': [
    ['milk', ['Whole Milk', '2% Reduced Fat Milk', 'Fat Free Milk', 'Lactose Free Milk']],
    ['eggs', ['Large Brown Eggs', 'Large White Eggs', 'Egg Whites']],
    ['butter margarine', ['Unsalted Butter', 'Salted Butter', 'Buttery Spread']],
    ['block cheese', ['Cheddar Cheese', 'Monterey Jack', 'Swiss Cheese']],
    ['shredded cheese', ['Shredded Mozzarella', 'Shredded Cheddar', 'Grated Parmesan']],
    ['yogurt cups', ['Greek Yogurt', 'Yogurt', 'Skyr', 'Kefir']],
    ['cream creamers', ['Half & Half', 'Heavy Cream', 'Coffee Creamer']],
    ['sour cream dips', ['Sour Cream', 'French Onion Dip', 'Cream Cheese']],
    ['cottage cheese', ['Cottage Cheese', 'Ricotta', 'Farmer Cheese']],
    ['refrigerated dough', ['Biscuit Dough', 'Cookie Dough', 'Crescent Rolls']],
  ],
  household: [
    ['paper towels', ['Paper Towels', 'Napkins']],
    ['toilet tissue', ['Toilet Paper', 'Facial Tissues']],
    ['laundry detergent', ['Laundry Detergent', 'Fabric Softener', 'Stain Remover']],
    ['dish soap', ['Dish Soap', 'Dishwasher Pods', 'Rinse Aid']],
    ['trash bags', ['Trash Bags', 'Compost Bags']],
    ['food storage', ['Storage Bags', 'Plastic Wrap', 'Aluminum Foil', 'Parchment Paper']],
    ['cleaning sprays', ['All-Purpose Cleaner', 'Glass Cleaner', 'Disinfecting Wipes']],
    ['light bulbs batteries', ['AA Batteries', 'LED Light Bulbs', 'AAA Batteries']],
    ['air fresheners', ['Air Freshener', 'Scented Candle', 'Odor Eliminator']],
    ['disposable tableware', ['Paper Plates', 'Plastic Cups', 'Compostable Forks']],
  ],
  babies: [
    ['diapers wipes', ['Diapers', 'Baby Wipes', 'Training Pants']],
    ['baby food pouches', ['Baby Food Pouch', 'Puffs', 'Teething Wafers']],
    ['infant formula', ['Infant Formula', 'Toddler Formula']],
    ['baby bath', ['Baby Shampoo', 'Baby Lotion', 'Diaper Cream']],
  ],
  snacks: [
    ['potato chips', ['Potato Chips', 'Kettle Chips', 'Veggie Chips']],
    ['tortilla chips', ['Tortilla Chips', 'Corn Chips']],
    ['crackers', ['Crackers', 'Water Crackers', 'Cheese Crackers']],
    ['cookies', ['Sandwich Cookies', 'Chocolate Chip Cookies', 'Shortbread']],
    ['candy', ['Gummy Bears', 'Hard Candy', 'Licorice', 'Sour Candy']],
    ['chocolate bars', ['Dark Chocolate Bar', 'Milk Chocolate Bar', 'Chocolate Truffles']],
    ['popcorn pretzels', ['Popcorn', 'Pretzels', 'Pretzel Crisps']],
    ['granola bars', ['Granola Bars', 'Protein Bars', 'Fruit & Nut Bars']],
    ['trail mix nuts', ['Trail Mix', 'Roasted Almonds', 'Mixed Nuts']],
    ['fruit snacks', ['Fruit Snacks', 'Fruit Leather', 'Dried Mango']],
    ['rice cakes', ['Rice Cakes', 'Rice Crisps', 'Seaweed Snacks']],
  ],
  deli: [
    ['sliced deli meats', ['Sliced Turkey Breast', 'Black Forest Ham', 'Genoa Salami', 'Roast Beef']],
    ['specialty cheese', ['Brie', 'Aged Gouda', 'Goat Cheese', 'Fresh Mozzarella']],
    ['fresh hummus dips', ['Hummus', 'Guacamole', 'Tzatziki']],
    ['prepared salads', ['Chicken Salad', 'Pasta Salad', 'Potato Salad']],
    ['fresh soups', ['Fresh Soup', 'Chili', 'Bisque']],
  ],
  missing: [['missing', ['Assorted Item', 'Seasonal Item', 'Specialty Item']]],
};

/**
 * All 134 aisles; aisle_id = index + 1. Ids follow the alphabetical order of the names, so (as in the
 * real file) consecutive ids belong to unrelated departments.
 */
export const kAisles: readonly AisleSpec[] = buildAisles();

function buildAisles(): AisleSpec[] {
  const aisles: AisleSpec[] = [];
  kDepartments.forEach((department, index) => {
    const specs = kAislesByDepartmentName[department];
    if (specs === undefined || specs.length !== kAislesByDepartment[index]) {
      throw new Error(`taxonomy: department ${department} needs ${kAislesByDepartment[index]} aisles`);
    }
    for (const [name, items] of specs) aisles.push({ name, departmentId: index + 1, items });
  });
  aisles.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return aisles;
}

/** aisle_ids (1-based) of each department, index = department_id - 1. */
export const kAisleIdsByDepartment: readonly (readonly number[])[] = kDepartments.map((_, index) =>
  kAisles.flatMap((aisle, aisleIndex) => (aisle.departmentId === index + 1 ? [aisleIndex + 1] : [])),
);

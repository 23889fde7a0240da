/**
 * Merging partials (the reduce step): counters add, bit sets OR, arrays of different lengths merge to the
 * longer one, and the result does not depend on how the partials were grouped or ordered. Packed (stored)
 * partials add up to the same totals as fresh ones.
 */
import test from 'ava';
import { mergeLinesPartial } from '../../src/reduce/lines.js';
import { sumPartials } from '../../src/reduce/totals.js';
import { PackedPartial, packPartial } from '../../src/store/index.js';
import { allocateLinesPartial, emptyLinesPartial, kLinesPartialLayout, kPartialNames, type LinesPartial, type PartialDims } from '../../workers/protocol.js';
import { seeded } from '../helpers/pipeline.js';

function randomPartial(random: () => number, dims: PartialDims): LinesPartial {
  const partial = allocateLinesPartial(dims);
  for (const name of kPartialNames) {
    const array = partial[name];
    for (let i = 0; i < array.length; i++) if (random() < 0.3) array[i] = kLinesPartialLayout[name].merge === 'or' ? (random() * 0xffffffff) >>> 0 : Math.floor(random() * 1000);
  }
  return partial;
}

const plain = (p: LinesPartial): Record<string, number[]> => Object.fromEntries(kPartialNames.map((n) => [n, Array.from(p[n])]));

/** The naive merge: element by element, zero beyond an array's end. */
function naive(parts: LinesPartial[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const name of kPartialNames) {
    const length = Math.max(...parts.map((p) => p[name].length));
    out[name] = Array.from({ length }, (_, i) => parts.reduce((acc, p) => (kLinesPartialLayout[name].merge === 'or' ? (acc | (p[name][i] ?? 0)) >>> 0 : acc + (p[name][i] ?? 0)), 0));
  }
  return out;
}

test('merging adds counters and ORs bit sets, whatever the grouping, order and lengths', (t) => {
  const dims = [
    { orderSlots: 70, productSlots: 9, userSlots: 5, deptSlots: 4, aisleWords: 2 },
    { orderSlots: 40, productSlots: 12, userSlots: 7, deptSlots: 4, aisleWords: 2 },
    { orderSlots: 100, productSlots: 3, userSlots: 2, deptSlots: 4, aisleWords: 2 },
  ];
  const make = (): LinesPartial[] => dims.map((d, k) => randomPartial(seeded(100 + k), d));
  const expected = naive(make());
  const [a, b, c] = make();
  t.deepEqual(plain(mergeLinesPartial(mergeLinesPartial(a!, b!), c!)), expected);
  const [a2, b2, c2] = make();
  t.deepEqual(plain(mergeLinesPartial(c2!, mergeLinesPartial(b2!, a2!))), expected);
  t.deepEqual(plain(mergeLinesPartial(emptyLinesPartial(), make()[0]!)), plain(make()[0]!), 'the empty partial is neutral');
});

test('a counter that would pass 2^32 fails loudly instead of wrapping', (t) => {
  const dims = { orderSlots: 1, productSlots: 2, userSlots: 1, deptSlots: 1, aisleWords: 1 };
  const a = allocateLinesPartial(dims);
  const b = allocateLinesPartial(dims);
  a.productItems[1] = 0xffffffff;
  b.productItems[1] = 1;
  t.throws(() => mergeLinesPartial(a, b), { instanceOf: RangeError, message: /productItems\[1\] overflows/ });
});

test('totals from packed (stored) and fresh partials equal the naive sum', (t) => {
  const dims = [
    { orderSlots: 64, productSlots: 10, userSlots: 6, deptSlots: 3, aisleWords: 1 },
    { orderSlots: 96, productSlots: 10, userSlots: 9, deptSlots: 3, aisleWords: 1 },
    { orderSlots: 32, productSlots: 4, userSlots: 6, deptSlots: 3, aisleWords: 1 },
  ];
  const make = (): LinesPartial[] => dims.map((d, k) => randomPartial(seeded(200 + k), d));
  const expected = naive(make());
  const [a, b, c] = make();
  t.deepEqual(plain(sumPartials([{ packed: new PackedPartial(packPartial(a!)) }, { fresh: b! }, { packed: new PackedPartial(packPartial(c!)) }])), expected);
  const [a2, b2, c2] = make();
  t.deepEqual(plain(sumPartials([{ fresh: a2! }, { packed: new PackedPartial(packPartial(b2!)) }, { fresh: c2! }])), expected);
  t.deepEqual(plain(sumPartials([])), plain(emptyLinesPartial()));
});

import test from 'ava';
import { addPackedInto, packArray, unpackArray, type StoredArray } from '../../src/store/pack.js';
import { seeded } from '../helpers/pipeline.js';

/** Arrays with long zero runs, short gaps and dense stretches, like partials. */
function sample<T extends StoredArray>(Kind: new (n: number) => T, length: number, density: number, seed: number, max = 1000): T {
  const random = seeded(seed);
  const array = new Kind(length);
  for (let i = 0; i < length; i++) if (random() < density) array[i] = Math.floor(random() * max) + 1;
  return array;
}

const kinds = [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float64Array] as const;

for (const Kind of kinds) {
  for (const [length, density] of [[0, 0], [1, 1], [7, 0.5], [1001, 0.01], [5000, 0.3], [4096, 1]] as const) {
    test(`${Kind.name} of ${length} at density ${density} packs and unpacks to the same values`, (t) => {
      const array = sample(Kind as new (n: number) => StoredArray, length, density, length + 7, Kind === Int8Array || Kind === Uint8Array ? 100 : 1000);
      const back = unpackArray(packArray(array));
      t.is(back.constructor, Kind);
      t.deepEqual(Array.from(back), Array.from(array));
    });
  }
}

test('mostly-zero arrays pack small', (t) => {
  const sparse = sample(Uint32Array, 1_000_000, 0.001, 3);
  t.true(packArray(sparse).length < 20_000, `${packArray(sparse).length} bytes`);
});

test('adding a packed array equals adding the unpacked one, element by element, growing the target', (t) => {
  for (const Kind of [Uint32Array, Uint8Array, Float64Array] as const) {
    const target = sample(Kind as new (n: number) => StoredArray, 3000, 0.2, 1, 50);
    const other = sample(Kind as new (n: number) => StoredArray, 3500, 0.05, 2, 50);
    const expected = Array.from({ length: 3500 }, (_, i) => (target[i] ?? 0) + other[i]!);
    const sum = addPackedInto(target, packArray(other), false);
    t.deepEqual(Array.from(sum), expected, Kind.name);
  }
});

test('OR-ing a packed bit set', (t) => {
  const target = sample(Uint32Array, 2000, 0.3, 4, 0xffff);
  const other = sample(Uint32Array, 2000, 0.3, 5, 0xffff);
  const expected = Array.from(target, (v, i) => (v | other[i]!) >>> 0);
  t.deepEqual(Array.from(addPackedInto(target, packArray(other), true)), expected);
});

test('a counter that would overflow is an error, not a wrap-around', (t) => {
  const target = Uint32Array.of(0xffffffff);
  t.throws(() => addPackedInto(target, packArray(Uint32Array.of(1)), false), { message: /overflows/ });
});

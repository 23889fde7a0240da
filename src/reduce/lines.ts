/**
 * Merging order-line partials: counters add, bit sets OR. Arrays may differ in length (a later partial
 * may know more orders, products or users); the result has the longer length. Associative and
 * commutative, so shard count and order never change a total.
 */
import { kBitSetArrays, kLinesPartialArrays, type LinesPartial } from '../../workers/protocol.js';

type Counter = Uint32Array | Float64Array;

/** `into + from`, reusing `into`'s arrays where they are long enough. */
export function mergeLinesPartial(into: LinesPartial, from: LinesPartial): LinesPartial {
  const out = { ...into };
  for (const name of kLinesPartialArrays) {
    const a = into[name] as Counter;
    const b = from[name] as Counter;
    const target = a.length >= b.length ? a : grow(a, b.length);
    if (kBitSetArrays.has(name)) {
      for (let i = 0; i < b.length; i++) target[i]! |= b[i]!;
    } else {
      addInto(target, b, name);
    }
    (out as Record<string, Counter>)[name] = target;
  }
  return out;
}

function addInto(target: Counter, source: Counter, name: string): void {
  const max = target instanceof Uint32Array ? 0xffffffff : Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < source.length; i++) {
    const v = source[i]!;
    if (v === 0) continue;
    const sum = target[i]! + v;
    if (sum > max) throw new RangeError(`${name}[${i}] overflows its counter`);
    target[i] = sum;
  }
}

/** A copy of `array` zero-extended to `length`. */
export function grow<T extends Counter>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}

/** The neutral partial: every array empty. */
export function emptyLinesPartial(): LinesPartial {
  return Object.fromEntries(kLinesPartialArrays.map((name) => [name, name.startsWith('dowHour') || name === 'userRevenueCents' ? new Float64Array(0) : new Uint32Array(0)])) as unknown as LinesPartial;
}

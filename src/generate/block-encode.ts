/**
 * A block's model as CSV bytes in the real files' formats. Pure: typed arrays in, byte arrays out.
 * Each output is sized exactly by a cheap counting pass first (~1 ms per block), so the buffers moved
 * to the main thread carry no slack (an upper bound per row would waste ~20 %).
 *
 * orders.csv:               `2539329,1,prior,1,2,08,` then `2398795,1,prior,2,3,07,15.0` (LF)
 * order_products__*.csv:    `2,33120,1,1` sorted by order_id then add_to_cart_order (LF)
 */
import { EvalSet, type BlockModel } from './block-model.js';
import { CommaTerminatedNumbers, bytesOf, digitCount, kComma, kDot, kLf, kZero, putBytes, putTwoDigits, putUint } from './csv-bytes.js';

const kEvalBytes = [bytesOf('prior'), bytesOf('train'), bytesOf('test')];

/** Where the block sits in the id spaces. */
export interface BlockIds {
  /** user_id of the block's first user. */
  readonly firstUserId: number;
  /** Orders per user, in user order. */
  readonly orderCounts: Uint8Array;
  /** First order_id of the block's range. */
  readonly firstOrderId: number;
  /** permutation[i] + firstOrderId is the order_id of the block's i-th order (user order). */
  readonly permutation: Int32Array;
}

/** orders.csv rows for the block, in user_id then order_number order. */
export function encodeOrders(model: BlockModel, ids: BlockIds): Uint8Array {
  let size = 0;
  for (let i = 0, u = 0; u < ids.orderCounts.length; u++) {
    const userIdBytes = digitCount(ids.firstUserId + u);
    for (let k = ids.orderCounts[u]!; k > 0; k--, i++) {
      const days = model.daysSincePrior[i]!;
      // 6 commas, dow, 2-digit hour, LF; days as `N.0`.
      size += digitCount(ids.firstOrderId + ids.permutation[i]!) + userIdBytes + kEvalBytes[model.evalSet[i]!]!.length;
      size += digitCount(model.orderNumber[i]!) + 10 + (days >= 0 ? digitCount(days) + 2 : 0);
    }
  }
  const buf = new Uint8Array(size);
  let pos = 0;
  let i = 0;
  for (let u = 0; u < ids.orderCounts.length; u++) {
    const userId = ids.firstUserId + u;
    for (let k = ids.orderCounts[u]!; k > 0; k--, i++) {
      pos = putUint(buf, pos, ids.firstOrderId + ids.permutation[i]!);
      buf[pos++] = kComma;
      pos = putUint(buf, pos, userId);
      buf[pos++] = kComma;
      pos = putBytes(buf, pos, kEvalBytes[model.evalSet[i]!]!);
      buf[pos++] = kComma;
      pos = putUint(buf, pos, model.orderNumber[i]!);
      buf[pos++] = kComma;
      buf[pos++] = kZero + model.dow[i]!;
      buf[pos++] = kComma;
      pos = putTwoDigits(buf, pos, model.hour[i]!);
      buf[pos++] = kComma;
      const days = model.daysSincePrior[i]!;
      if (days >= 0) {
        pos = putUint(buf, pos, days);
        buf[pos++] = kDot;
        buf[pos++] = kZero;
      }
      buf[pos++] = kLf;
    }
  }
  if (pos !== size) throw new Error(`encodeOrders: wrote ${pos} bytes, sized ${size}`);
  return buf;
}

let numbers: CommaTerminatedNumbers | undefined;

/** The shared `v,` table, big enough for every product_id and add_to_cart_order (<= 125 < 200 products). */
function numbersUpTo(max: number): CommaTerminatedNumbers {
  if (numbers === undefined || numbers.max < max) numbers = new CommaTerminatedNumbers(max);
  return numbers;
}

/** The block's prior and train lines, each sorted by order_id then add_to_cart_order. */
export function encodeLines(model: BlockModel, ids: BlockIds, productCount: number): { prior: Uint8Array; train: Uint8Array } {
  const n = model.orderCount;
  const { evalSet, lineStart, lineProduct, lineReordered } = model;
  const table = numbersUpTo(productCount);
  const text = table.text;
  const textLength = table.length;
  let priorSize = 0;
  let trainSize = 0;
  for (let i = 0; i < n; i++) {
    const ev = evalSet[i]!;
    if (ev === EvalSet.Test) continue;
    const start = lineStart[i]!;
    const end = lineStart[i + 1]!;
    // Per line: `order_id,` `product_id,` `add_to_cart_order,` reordered LF.
    let size = (end - start) * (digitCount(ids.firstOrderId + ids.permutation[i]!) + 3);
    for (let l = start; l < end; l++) size += textLength[lineProduct[l]!]! + textLength[l - start + 1]!;
    if (ev === EvalSet.Prior) priorSize += size;
    else trainSize += size;
  }
  const prior = new Uint8Array(priorSize);
  const train = new Uint8Array(trainSize);
  // Position in user order of the order with each id offset: the inverse permutation.
  const orderAt = new Int32Array(n);
  for (let i = 0; i < n; i++) orderAt[ids.permutation[i]!] = i;

  const prefix = new Uint8Array(digitCount(ids.firstOrderId + n) + 1);
  let priorPos = 0;
  let trainPos = 0;
  for (let offset = 0; offset < n; offset++) {
    const i = orderAt[offset]!;
    const ev = evalSet[i]!;
    if (ev === EvalSet.Test) continue;
    const start = lineStart[i]!;
    const end = lineStart[i + 1]!;
    // The `order_id,` prefix is the same for every line of the order: encode it once.
    const prefixLength = putUint(prefix, 0, ids.firstOrderId + offset) + 1;
    prefix[prefixLength - 1] = kComma;
    const buf = ev === EvalSet.Prior ? prior : train;
    let pos = ev === EvalSet.Prior ? priorPos : trainPos;
    for (let l = start; l < end; l++) {
      for (let b = 0; b < prefixLength; b++) buf[pos + b] = prefix[b]!;
      pos += prefixLength;
      const product = lineProduct[l]!;
      for (let b = product * 8, stop = b + textLength[product]!; b < stop; b++) buf[pos++] = text[b]!;
      const cart = l - start + 1;
      for (let b = cart * 8, stop = b + textLength[cart]!; b < stop; b++) buf[pos++] = text[b]!;
      buf[pos++] = kZero + lineReordered[l]!;
      buf[pos++] = kLf;
    }
    if (ev === EvalSet.Prior) priorPos = pos;
    else trainPos = pos;
  }
  if (priorPos !== priorSize || trainPos !== trainSize) {
    throw new Error(`encodeLines: wrote ${priorPos}/${trainPos} bytes, sized ${priorSize}/${trainSize}`);
  }
  return { prior, train };
}

/**
 * The two CSV paths give identical partials, counts and rejects (SPEC.md section 5), checked at the one
 * boundary they share: the sink. Inputs cover LF, CRLF, a BOM-free range start, a final row without a
 * row end, blank and white-space rows, quotes, extra and reordered columns, every reject reason, and
 * thousands of random mutations of valid rows.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LinesAccumulator } from '../../workers/lines-accumulator.js';
import { NumericScanner } from '../../workers/scan-numeric.js';
import { RangeReadError, readRange } from '../../workers/read-range.js';
import { kPartialNames, type LineRoles, type SharedLookups } from '../../workers/protocol.js';
import { FieldKind, type ParserName } from '../../src/csv/index.js';
import { RejectList } from '../../src/rejects/index.js';
import { tempDir } from '../helpers/temp.js';

function lookups(): SharedLookups {
  const orders = 60;
  const products = 40;
  const orderUser = new Int32Array(new SharedArrayBuffer(orders * 4));
  const orderDowHour = new Uint8Array(new SharedArrayBuffer(orders));
  for (let o = 1; o <= 50; o++) {
    orderUser[o] = 1 + (o % 7);
    orderDowHour[o] = (o * 13) % 168;
  }
  // Products 1-30 are known (7 without a price), in department 1 + p % 5 and aisle 1 + p % 40.
  const packed = new Int32Array(new SharedArrayBuffer(products * 8)).fill(-1);
  for (let p = 1; p <= 30; p++) {
    packed[2 * p] = p === 7 ? -1 : 100 + p * 37;
    packed[2 * p + 1] = ((1 + (p % 40)) << 8) | (1 + (p % 5));
  }
  return { orderUser: orderUser.buffer as SharedArrayBuffer, orderDowHour: orderDowHour.buffer as SharedArrayBuffer, products: packed.buffer as SharedArrayBuffer, deptSlots: 6, aisleWords: 2, userSlots: 8 };
}

interface Outcome {
  partial: Record<string, number[]>;
  read: number;
  accepted: number;
  rows: number;
  rejected: number;
  rejects: string[];
}

async function readWith(parser: ParserName, file: string, header: string[], start: number, end: number): Promise<Outcome | 'stopped'> {
  const roles: LineRoles = {
    orderId: header.indexOf('order_id'),
    productId: header.indexOf('product_id'),
    addToCartOrder: header.indexOf('add_to_cart_order'),
    reordered: header.indexOf('reordered'),
  };
  const kinds = new Uint8Array(header.length);
  for (const k of Object.values(roles)) kinds[k] = FieldKind.Int;
  const sink = new LinesAccumulator(lookups(), roles, new RejectList(1000, header));
  const scanner = new NumericScanner({ kinds, names: header });
  const standard = header.join(',') === 'order_id,product_id,add_to_cart_order,reordered';
  try {
    const { rows } = await readRange(
      { file, displayName: 'lines.csv', start, end, gzip: false, parser, kinds, names: header, progress: new SharedArrayBuffer(16), slot: 0, maxRejectDetails: 1000 },
      sink,
      parser === 'fast' && standard ? (buf, s, e, first) => sink.scanStandard(buf, s, e, first, scanner) : undefined,
    );
    const partial = sink.finish();
    const list = sink.rejects;
    // line:code:column position (-1 = the whole row):value
    const rejects = Array.from({ length: list.length }, (_, k) => `${list.line(k)}:${list.code(k)}:${header.indexOf(list.column(k))}:${list.value(k)}`);
    return { partial: Object.fromEntries(kPartialNames.map((n) => [n, Array.from(partial[n])])), read: sink.read, accepted: sink.accepted, rows, rejected: sink.rejects.total, rejects };
  } catch (error) {
    if (error instanceof RangeReadError) return 'stopped';
    throw error;
  }
}

/** Write `body` after `headerLine`, and read the data range with both parsers. */
async function both(t: import('ava').ExecutionContext, headerLine: string, body: string) {
  const dir = tempDir(t);
  const file = join(dir, 'lines.csv');
  const content = Buffer.from(headerLine + body);
  writeFileSync(file, content);
  const header = headerLine.replace(/\r?\n$/, '').split(',');
  const start = Buffer.byteLength(headerLine);
  return { fast: await readWith('fast', file, header, start, content.length), fastCsv: await readWith('fast-csv', file, header, start, content.length) };
}

const standard = 'order_id,product_id,add_to_cart_order,reordered\n';
const valid = ['1,1,1,0', '1,2,2,1', '2,7,1,1', '3,30,1,0', '50,12,3,1', '49,5,1,0'];
const cases: Record<string, [string, string]> = {
  'LF rows': [standard, valid.join('\n') + '\n'],
  'CRLF rows': [standard.replace('\n', '\r\n'), valid.join('\r\n') + '\r\n'],
  'final row without a row end': [standard, valid.join('\n')],
  'CRLF, final row without a row end': [standard, valid.join('\r\n')],
  'blank and white-space rows': [standard, `${valid[0]}\n\n   \n${valid[1]}\n\t\n${valid[2]}\n`],
  'quoted numbers and spaces': [standard, `"1",2,1,0\n1, 2,1,0\n"2","7","1","1"\n 3,3,1,0\n`],
  'every reject reason': [standard, ['1,2', '1,2,3,4,5', 'x,2,1,0', '1,2.5,1,0', ',2,1,0', '0,2,1,0', '1,2,0,0', '1,2,1,2', '-1,2,1,0', '51,2,1,0', '999999999999,2,1,0', '1,31,1,0', '1,99999,1,0'].join('\n') + '\n'],
  'decimal zeros read as integers': [standard, '1.0,2.00,1.,0.0\n15.0,3,1,1\n'],
  'reordered and extra columns': ['reordered,extra,product_id,add_to_cart_order,order_id\n', '1,"a, b",2,1,1\n0,,3,2,1\n1,x,9,1,50\n0,"q""q",4,1,60\n'],
  'lone CR row ends': [standard, valid.join('\r') + '\r'],
};

for (const [name, [header, body]] of Object.entries(cases)) {
  test(`both parsers agree: ${name}`, async (t) => {
    const { fast, fastCsv } = await both(t, header, body);
    t.not(fastCsv, 'stopped');
    t.deepEqual(fast, fastCsv);
    const outcome = fast as Outcome;
    t.is(outcome.read, outcome.accepted + outcome.rejected);
  });
}

test('every reject reason is reported with its line and column', async (t) => {
  const { fast } = await both(t, standard, cases['every reject reason']![1]);
  // line:code:column:value, lines counted from the range start (0-based)
  t.deepEqual((fast as Outcome).rejects, [
    '0:1:-1:2 fields, expected 4',
    '1:1:-1:5 fields, expected 4',
    '2:2:0:x',
    '3:2:1:2.5',
    '4:2:0:',
    '5:3:0:0',
    '6:3:2:0',
    '7:3:3:2',
    '8:3:0:-1',
    '9:4:0:51',
    '10:4:0:999999999999',
    '11:5:1:31',
    '12:5:1:99999',
  ]);
  t.is((fast as Outcome).accepted, 0);
});

test('a quote the CSV grammar cannot read: the scanner rejects that row, fast-csv stops the file', async (t) => {
  const { fast, fastCsv } = await both(t, standard, '1,1,1,0\n1,"2"3,1,0\n1,"2,1,0\n2,7,1,1\n');
  t.is(fastCsv, 'stopped');
  const outcome = fast as Outcome;
  t.deepEqual(outcome.rejects, ['1:0:-1:text after a closing quote', '2:0:-1:quoted field without its closing quote']);
  t.is(outcome.accepted, 2);
});

test('a quoted row end: order-line rows never span row ends (shards start at any LF), fast-csv joins them', async (t) => {
  const { fast, fastCsv } = await both(t, standard, '"1\n",1,1,0\n2,7,1,1\n');
  t.deepEqual((fast as Outcome).rejects, ['0:0:-1:quoted field without its closing quote', '1:0:-1:quoted field without its closing quote']);
  t.is((fastCsv as Outcome).rejects.length, 1, 'fast-csv reads one record "1\\n",1,1,0 (not a number)');
});

test('both parsers agree on 3000 random mutations of valid rows', async (t) => {
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = ['0', '1', '9', ',', '.', '-', ' ', 'x', '\r', '\n', '"', '5'];
  const rows: string[] = [];
  for (let i = 0; i < 3000; i++) {
    let row = valid[next(valid.length)]!;
    const edits = 1 + next(2);
    for (let e = 0; e < edits; e++) {
      const at = next(row.length + 1);
      const kind = next(3);
      const ch = alphabet[next(alphabet.length)]!;
      row = kind === 0 ? row.slice(0, at) + ch + row.slice(at) : kind === 1 ? row.slice(0, at) + row.slice(at + 1) : row.slice(0, at) + ch + row.slice(at + 1);
    }
    // Quotes only around whole fields: a quote fast-csv cannot read stops its whole file, and a quoted
    // row end is one record to fast-csv but never to the sharded scanner (both tested separately).
    row = row.replaceAll('"', '');
    if (next(5) === 0) row = row.split(',').map((f, k) => (k === next(4) && !/[\r\n]/.test(f) ? `"${f}"` : f)).join(',');
    rows.push(row);
  }
  const { fast, fastCsv } = await both(t, standard, rows.join('\n') + '\n');
  t.not(fastCsv, 'stopped');
  t.deepEqual(fast, fastCsv);
  const outcome = fast as Outcome;
  t.is(outcome.read, outcome.accepted + outcome.rejected);
  t.true(outcome.rejected > 300, 'the mutations produced rejects');
  t.true(outcome.accepted > 300, 'and accepted rows');
});

/**
 * orders.csv through both CSV paths (and the scanner's fast loop for the real header): identical
 * accepted rows and rejects, for the real format's quirks and every reject reason.
 */
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrdersCollector } from '../../workers/orders-collector.js';
import { NumericScanner } from '../../workers/scan-numeric.js';
import { RangeReadError, readRange } from '../../workers/read-range.js';
import type { OrderRoles } from '../../workers/protocol.js';
import { FieldKind, type ParserName } from '../../src/csv/index.js';
import { RejectList } from '../../src/rejects/index.js';
import { tempDir } from '../helpers/temp.js';

const standard = 'order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order';

async function readWith(parser: ParserName, file: string, header: string[], start: number, end: number) {
  const at = (name: string): number => header.indexOf(name);
  const roles: OrderRoles = { orderId: at('order_id'), userId: at('user_id'), evalSet: at('eval_set'), orderNumber: at('order_number'), orderDow: at('order_dow'), orderHour: at('order_hour_of_day'), daysSincePrior: at('days_since_prior_order') };
  const kinds = new Uint8Array(header.length);
  for (const [role, k] of Object.entries(roles)) kinds[k] = role === 'evalSet' ? FieldKind.EvalSet : FieldKind.Int;
  const sink = new OrdersCollector(roles, new RejectList(1000, header), 4);
  const scanner = new NumericScanner({ kinds, names: header });
  try {
    const { rows } = await readRange(
      { file, displayName: 'orders.csv', start, end, gzip: false, parser, kinds, names: header, progress: new SharedArrayBuffer(16), slot: 0, maxRejectDetails: 1000 },
      sink,
      parser === 'fast' && header.join(',') === standard ? (buf, s, e, first) => sink.scanStandard(buf, s, e, first, scanner) : undefined,
    );
    const r = sink.rows;
    const kept = Array.from({ length: r.count }, (_, k) => [r.orderId[k], r.userId[k], r.evalSet[k], r.orderNumber[k], r.dow[k], r.hour[k], r.days[k], r.line[k]].join(' '));
    const d = sink.rejects;
    // line:code:column position (-1 = the whole row):value
    const rejects = Array.from({ length: d.length }, (_, k) => `${d.line(k)}:${d.code(k)}:${header.indexOf(d.column(k))}:${d.value(k)}`);
    return { rows, kept, rejects, read: sink.read, accepted: sink.accepted };
  } catch (error) {
    if (error instanceof RangeReadError) return 'stopped';
    throw error;
  }
}

async function both(t: import('ava').ExecutionContext, headerLine: string, body: string) {
  const file = join(tempDir(t), 'orders.csv');
  const content = Buffer.from(`${headerLine}\n${body}`);
  writeFileSync(file, content);
  const header = headerLine.split(',');
  const start = Buffer.byteLength(headerLine) + 1;
  return { fast: await readWith('fast', file, header, start, content.length), fastCsv: await readWith('fast-csv', file, header, start, content.length) };
}

const real = ['2539329,1,prior,1,2,08,', '2398795,1,prior,2,3,07,15.0', '473747,1,prior,3,3,12,21.0', '1187899,1,train,11,4,08,14.0', '2774568,3,test,13,5,15,11.0', '7,2,prior,1,0,00,30.0', '8,2,prior,2,6,23,0.0'];
const cases: Record<string, string> = {
  'the real format': real.join('\n') + '\n',
  'CRLF and no final row end': real.join('\r\n'),
  'variants the fast loop hands over': ['9,2,prior,3,1,8,3', '10,2,"prior",4,1,8,3.', '11,2,prior,5,1,008,3.00', '12,2,Prior,6,1,8,', '13,2,prior,7,1, 8,1', '14,2,,8,1,8,1'].join('\n') + '\n',
  'every reject reason': ['15,2,prior,1,7,8,1', '16,2,prior,1,1,24,1', '17,2,prior,1,1,8,31', '18,2,prior,1,1,8,1.5', '19,2,prior,0,1,8,1', '20,0,prior,1,1,8,1', 'x,2,prior,1,1,8,1', '21,2,prior,1,1,8', '22,2,prior,1,-1,8,1', '99999999999,2,prior,1,1,8,1', '23,2,prior,1,1,,1'].join('\n') + '\n',
};

for (const [name, body] of Object.entries(cases)) {
  test(`orders: both parsers agree: ${name}`, async (t) => {
    const { fast, fastCsv } = await both(t, standard, body);
    t.not(fastCsv, 'stopped');
    t.deepEqual(fast, fastCsv);
  });
}

test('orders: blank days are unknown (-1), `15.0` reads as 15, hours keep their value', async (t) => {
  const { fast } = await both(t, standard, real.join('\n') + '\n');
  t.deepEqual((fast as { kept: string[] }).kept.slice(0, 2), ['2539329 1 0 1 2 8 -1 0', '2398795 1 0 2 3 7 15 1']);
});

test('orders: every reject reason with its line and column', async (t) => {
  const { fast } = await both(t, standard, cases['every reject reason']!);
  t.deepEqual((fast as { rejects: string[] }).rejects, ['0:3:4:7', '1:3:5:24', '2:3:6:31', '3:2:6:1.5', '4:3:3:0', '5:3:1:0', '6:2:0:x', '7:1:-1:6 fields, expected 7', '8:3:4:-1', '9:9:0:99999999999', '10:2:5:']);
});

test('orders: a reordered header is read by position', async (t) => {
  const header = 'user_id,order_id,days_since_prior_order,order_hour_of_day,order_dow,order_number,eval_set,extra';
  const { fast, fastCsv } = await both(t, header, '1,2539329,,08,2,1,prior,x\n1,2398795,15.0,07,3,2,prior,"a,b"\n');
  t.deepEqual(fast, fastCsv);
  t.deepEqual((fast as { kept: string[] }).kept, ['2539329 1 0 1 2 8 -1 0', '2398795 1 0 2 3 7 15 1']);
});

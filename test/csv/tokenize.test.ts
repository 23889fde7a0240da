import test from 'ava';
import { parseString } from 'fast-csv';
import { isBlankRecord, isBlankRow, newTokenizedRecord, recordFields, tokenizeRecord } from '../../src/csv/tokenize.js';

/** Every record of `text` as the tokenizer reads it: fields, `[]` for blank rows, or an error marker. */
function tokenizeAll(text: string, multiline: boolean): (string[] | 'error')[] {
  const buf = Buffer.from(text);
  const record = newTokenizedRecord();
  const out: (string[] | 'error')[] = [];
  for (let pos = 0; pos < buf.length; pos = record.next) {
    tokenizeRecord(buf, pos, buf.length, multiline, record);
    out.push(record.error !== undefined ? 'error' : isBlankRecord(record) ? [] : recordFields(record));
  }
  return out;
}

function fastCsvAll(text: string): Promise<string[][] | 'error'> {
  return new Promise((resolve) => {
    const rows: string[][] = [];
    parseString(text, { headers: false, ignoreEmpty: false })
      .on('error', () => resolve('error'))
      .on('data', (row: string[]) => rows.push(isBlankRow(row) ? [] : row))
      .on('end', () => resolve(rows));
  });
}

const agreeing = [
  'a,b\n1,2\n',
  'a,b\r\n1,2\r\n',
  'a,b\r1,2\r3,4',
  'a,b\n1,2',
  'a,b\n\n1,2\n\n',
  'a,b\n   \n1,2\n',
  '1,"2,3"\n4,5\n',
  '1,"say ""hi"""\n',
  '1,  "spaced"  ,3\n',
  ' 1 , 2 \n',
  '1,2,\n',
  ',\n',
  '1,""\n',
  '1,2"3\n',
  '1,"multi\nline",3\n4,5,6\n',
  '"\u00e9t\u00e9",caf\u00e9\n',
  '#NAME?,x\n',
];

for (const text of agreeing) {
  test(`tokenizer reads like fast-csv: ${JSON.stringify(text)}`, async (t) => {
    t.deepEqual(tokenizeAll(text, true), await fastCsvAll(text));
  });
}

test('a quote never closed is one malformed row, and reading goes on at the next line', (t) => {
  t.deepEqual(tokenizeAll('1,"2\n3,4\n', false), ['error', ['3', '4']]);
});

test('text after a closing quote is malformed (fast-csv stops the file there)', async (t) => {
  t.deepEqual(tokenizeAll('1,"2"3\n4,5\n', false), ['error', ['4', '5']]);
  t.is(await fastCsvAll('1,"2"3\n4,5\n'), 'error');
});

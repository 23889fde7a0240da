import test from 'ava';
import { parseCentsText, parseIntBytes, parseIntText } from '../../src/csv/fields.js';

const ints: [string, number][] = [
  ['0', 0],
  ['42', 42],
  ['08', 8],
  ['15.0', 15],
  ['3.', 3],
  ['3.000', 3],
  ['-1', -1],
  ['3.5', NaN],
  ['3.05', NaN],
  ['', NaN],
  [' 3', NaN],
  ['3 ', NaN],
  ['+3', NaN],
  ['abc', NaN],
  ['.0', NaN],
  ['-', NaN],
  ['1e3', NaN],
  ['1234567890123456', Infinity],
  ['-1234567890123456', -Infinity],
  ['123456789012345', 123456789012345],
];

for (const [text, expected] of ints) {
  test(`integer grammar: ${JSON.stringify(text)} reads as ${expected}`, (t) => {
    t.is(parseIntText(text), expected);
    t.is(parseIntBytes(Buffer.from(text), 0, Buffer.byteLength(text)), expected);
  });
}

test('byte and text integer parsers agree on random strings', (t) => {
  const alphabet = '0123456789.-+ ae,"\t';
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let i = 0; i < 20000; i++) {
    let text = '';
    const length = next() % 8;
    for (let k = 0; k < length; k++) text += alphabet[next() % alphabet.length];
    const bytes = Buffer.from(`xx${text}yy`);
    t.is(parseIntBytes(bytes, 2, 2 + Buffer.byteLength(text)), parseIntText(text), JSON.stringify(text));
  }
});

test('prices read into cents, half up on the third decimal', (t) => {
  t.is(parseCentsText('5.8'), 580);
  t.is(parseCentsText('9'), 900);
  t.is(parseCentsText('14900'), 1490000);
  t.is(parseCentsText('4.555'), 456);
  t.is(parseCentsText('4.554'), 455);
  t.is(parseCentsText('0.05'), 5);
  t.is(parseCentsText('-2.5'), -250);
  t.true(Number.isNaN(parseCentsText('')));
  t.true(Number.isNaN(parseCentsText('1e3')));
  t.true(Number.isNaN(parseCentsText('$5')));
  t.true(Number.isNaN(parseCentsText('5,0')));
});

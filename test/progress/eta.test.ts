/** The progress bar's ETA (issue 10): never NaN or infinite, `--` until there is a rate. */
import test from 'ava';
import { etaText } from '../../src/progress/index.js';

test('no ETA until something is done and time has passed', (t) => {
  t.is(etaText(0, 1000, 0), '--');
  t.is(etaText(0, 1000, 5), '--');
  t.is(etaText(500, 1000, 0), '--');
  t.is(etaText(500, 1000, 0.1), '--');
  t.is(etaText(500, 0, 2), '--');
  t.is(etaText(Number.NaN, 1000, 2), '--');
  t.is(etaText(500, 1000, Number.NaN), '--');
});

test('seconds, then minutes and seconds, from the rate so far', (t) => {
  t.is(etaText(500, 1000, 10), '10s');
  t.is(etaText(100, 1000, 10), '1m 30s');
  t.is(etaText(1000, 1000, 10), '0s');
  t.is(etaText(1200, 1000, 10), '0s', 'more done than the total (a file grew) is not negative');
});

test('never NaN, Infinity or INF for any input', (t) => {
  for (const done of [0, 1, 1e9, -1, Number.NaN, Infinity]) {
    for (const total of [0, 1, 1e9, Number.NaN, Infinity]) {
      for (const seconds of [0, 0.3, 100, Number.NaN, Infinity]) {
        const text = etaText(done, total, seconds);
        t.false(/NaN|Inf|INF|NULL|undefined/.test(text), `${done} ${total} ${seconds}: ${text}`);
      }
    }
  }
});

/** Every option check of resolveGenerateOptions, with its code and a message that says the fix. */
import test from 'ava';
import { EtlError } from '../../src/errors/index.js';
import { resolveGenerateOptions, type GenerateOptions } from '../../src/generate/index.js';

const kGood: GenerateOptions = { outDir: 'data', scale: 0.1, seed: 42 };

const kCases: { options: Partial<GenerateOptions>; message: RegExp }[] = [
  { options: { outDir: '' }, message: /^--out must name a directory/ },
  { options: { scale: 0 }, message: /^--scale must be a number greater than 0 and at most 10 .*got 0$/ },
  { options: { scale: -1 }, message: /^--scale .*got -1$/ },
  { options: { scale: 10.5 }, message: /^--scale .*got 10\.5$/ },
  { options: { scale: Number.NaN }, message: /^--scale .*got NaN$/ },
  { options: { seed: 1.5 }, message: /^--seed must be a non-negative integer .*got 1\.5$/ },
  { options: { seed: -1 }, message: /^--seed .*got -1$/ },
  { options: { seed: 2 ** 60 }, message: /^--seed / },
  { options: { workers: 0 }, message: /^--workers must be an integer from 1 to 256, got 0$/ },
  { options: { workers: 2.5 }, message: /^--workers .*got 2\.5$/ },
];

for (const { options, message } of kCases) {
  const label = Object.entries(options)
    .map(([key, value]) => `${key} ${JSON.stringify(value) ?? String(value)}`)
    .join(', ');
  test(`rejects ${label === 'scale null' ? 'scale NaN' : label}`, (t) => {
    const error = t.throws(() => resolveGenerateOptions({ ...kGood, ...options }), { instanceOf: EtlError, message });
    t.is(error?.code, 'USAGE');
    t.is(error?.exitCode, 2);
  });
}

test('fills in the defaults', (t) => {
  const resolved = resolveGenerateOptions({ outDir: 'x', scale: 10, seed: 0 });
  t.like(resolved, { outDir: 'x', scale: 10, seed: 0, faults: false, progress: false });
  t.true(resolved.workers >= 1);
});

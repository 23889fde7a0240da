/** k-means, the silhouette and the adjusted Rand index against naive computations on small data. */
import test from 'ava';
import { adjustedRandIndex, distanceMatrix, kMeans, seededRandom, silhouettes } from '../../src/segments/kmeans.js';

/** Three well-separated blobs in 4 dimensions, 40 points each, shuffled. */
function blobs(seed: number): { points: Float64Array; truth: Uint8Array; n: number; d: number } {
  const random = seededRandom(seed);
  const d = 4;
  const centres = [[0, 0, 0, 0], [10, 10, 0, 0], [0, 10, 10, 10]];
  const rows: { row: number[]; label: number }[] = [];
  centres.forEach((centre, label) => {
    for (let i = 0; i < 40; i++) rows.push({ row: centre.map((c) => c + random() - 0.5), label });
  });
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return { points: Float64Array.from(rows.flatMap((r) => r.row)), truth: Uint8Array.from(rows.map((r) => r.label)), n: rows.length, d };
}

test('k-means finds well-separated blobs, and the same seed gives the same result', (t) => {
  const { points, truth, n, d } = blobs(1);
  const fit = kMeans(points, n, d, 3, 42);
  t.is(adjustedRandIndex(fit.labels, truth, n), 1, 'the blobs, up to cluster numbering');
  const again = kMeans(points, n, d, 3, 42);
  t.deepEqual(again.labels, fit.labels);
  t.deepEqual(again.centres, fit.centres);
  // Each centre is the mean of its points.
  for (let c = 0; c < 3; c++) {
    const members = [...fit.labels.keys()].filter((i) => fit.labels[i] === c);
    for (let f = 0; f < d; f++) t.true(Math.abs(fit.centres[c * d + f]! - members.reduce((s, i) => s + points[i * d + f]!, 0) / members.length) < 1e-9);
  }
});

test('the silhouette equals the naive formula, point by point', (t) => {
  const { points, n, d } = blobs(2);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 4); // a poor labelling: the formula must still hold
  const got = silhouettes(distanceMatrix(points, n, d), labels, n, 4);
  const dist = (i: number, j: number): number => Math.hypot(...Array.from({ length: d }, (_, f) => points[i * d + f]! - points[j * d + f]!));
  for (let i = 0; i < n; i++) {
    const meanTo = (c: number): number => {
      const others = [...labels.keys()].filter((j) => labels[j] === c && j !== i);
      return others.reduce((s, j) => s + dist(i, j), 0) / others.length;
    };
    const a = meanTo(labels[i]!);
    const b = Math.min(...[0, 1, 2, 3].filter((c) => c !== labels[i]).map((c) => [...labels.keys()].filter((j) => labels[j] === c).reduce((s, j) => s + dist(i, j), 0) / [...labels].filter((l) => l === c).length));
    t.true(Math.abs(got[i]! - (b - a) / Math.max(a, b)) < 1e-9, `point ${i}`);
  }
  const good = silhouettes(distanceMatrix(points, n, d), kMeans(points, n, d, 3, 7).labels, n, 3);
  t.true(good.reduce((s, v) => s + v, 0) / n > 0.9, 'separated blobs score near 1');
});

test('the adjusted Rand index equals the naive pair count formula', (t) => {
  const random = seededRandom(5);
  const n = 60;
  const a = Uint8Array.from({ length: n }, () => Math.floor(random() * 3));
  const b = Uint8Array.from({ length: n }, (_, i) => (random() < 0.7 ? a[i]! : Math.floor(random() * 4)));
  // Naive: over every pair, agreements of "same cluster" in a and in b.
  let both = 0;
  let inA = 0;
  let inB = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sa = a[i] === a[j];
      const sb = b[i] === b[j];
      pairs++;
      if (sa) inA++;
      if (sb) inB++;
      if (sa && sb) both++;
    }
  }
  const expected = (inA * inB) / pairs;
  const naive = (both - expected) / ((inA + inB) / 2 - expected);
  t.true(Math.abs(adjustedRandIndex(a, b, n) - naive) < 1e-12);
  t.is(adjustedRandIndex(a, a, n), 1);
  const renumbered = Uint8Array.from(a, (x) => 2 - x);
  t.is(adjustedRandIndex(a, renumbered, n), 1, 'the numbering of clusters does not matter');
});

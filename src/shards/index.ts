/**
 * Splitting a byte range of a CSV file into shards that begin at row starts, so that workers can read
 * them independently. A boundary is moved forward to just past the next LF; records never span LF in
 * the order-line and orders files (a quote left open at a line end makes that row malformed).
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** One shard: bytes [start, end) of a file. */
export interface Shard {
  start: number;
  end: number;
}

/** Below this, one shard: splitting costs more (a partial per shard) than it saves. */
export const kMinShardBytes = 8 << 20;
const kProbeBytes = 64 << 10;

/**
 * Split `[start, end)` of `path` into at most `count` shards of about equal size, each beginning at a
 * row start (right after an LF). Fewer shards come back when the range is small or rows are long.
 */
export function splitIntoShards(path: string, start: number, end: number, count: number, minShardBytes = kMinShardBytes): Shard[] {
  const length = end - start;
  const n = Math.max(1, Math.min(count, Math.floor(length / minShardBytes)));
  if (n === 1 || length <= 0) return [{ start, end }];
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.allocUnsafe(kProbeBytes);
    const boundaries = [start];
    for (let k = 1; k < n; k++) {
      const target = Math.max(start + Math.floor((length * k) / n), boundaries[boundaries.length - 1]!);
      const boundary = nextRowStart(fd, probe, target, end);
      if (boundary > boundaries[boundaries.length - 1]! && boundary < end) boundaries.push(boundary);
    }
    boundaries.push(end);
    const shards: Shard[] = [];
    for (let k = 0; k + 1 < boundaries.length; k++) shards.push({ start: boundaries[k]!, end: boundaries[k + 1]! });
    return shards;
  } finally {
    closeSync(fd);
  }
}

/** Offset just past the first LF at or after `from - 1` (so a boundary already at a row start stays), or `end`. */
function nextRowStart(fd: number, probe: Buffer, from: number, end: number): number {
  let pos = from - 1;
  while (pos < end) {
    const n = readSync(fd, probe, 0, Math.min(probe.length, end - pos), pos);
    if (n <= 0) return end;
    const lf = probe.subarray(0, n).indexOf(0x0a);
    if (lf >= 0) return pos + lf + 1;
    pos += n;
  }
  return end;
}

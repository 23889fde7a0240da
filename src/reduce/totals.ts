/**
 * The totals stage: every source's partial added into one. Partials come fresh from this run's reads or
 * packed from the store; a packed one is added without unpacking where its layout allows (see
 * `PackedPartial` in the store), so adding a 1% append's segment costs about 1% of a full pass.
 */
import { emptyLinesPartial, type LinesPartial } from '../../workers/protocol.js';
import { mergeLinesPartial } from './lines.js';

/** A stored partial as the store hands it over: added into a sum, or unpacked to start one. */
export interface PackedLinesPartial {
  /** `target + this`, reusing (and returning) `target`'s arrays where they are long enough. */
  addInto(target: LinesPartial): LinesPartial;
  unpack(): LinesPartial;
}

/** One source's contribution to the totals. */
export type PartialPart = { fresh: LinesPartial } | { packed: PackedLinesPartial };

/**
 * The sum of `parts`. Fresh partials are consumed (the first one's arrays become the sum's: no copy);
 * packed ones are only read.
 */
export function sumPartials(parts: readonly PartialPart[]): LinesPartial {
  let sum: LinesPartial | undefined;
  for (const part of parts) {
    if ('fresh' in part) sum = sum === undefined ? part.fresh : mergeLinesPartial(sum, part.fresh);
    else sum = sum === undefined ? part.packed.unpack() : part.packed.addInto(sum);
  }
  return sum ?? emptyLinesPartial();
}

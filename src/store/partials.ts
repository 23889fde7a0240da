/**
 * Partials in the store: one packed blob per array of `kLinesPartialLayout`, per source and segment
 * (segment 0 from a full read, one more per appended range). A packed partial is added into a sum
 * without unpacking its Uint32 arrays (only their literal runs are read).
 */
import { EtlError } from '../errors/index.js';
import { allocatePartialArray, buildPartial, isPartialArray, kLinesPartialLayout, kPartialNames, type LinesPartial, type PartialName } from '../../workers/protocol.js';
import { addPackedInto, packArray, unpackArray } from './pack.js';

/** A partial's arrays, packed, by partial name (a name may be missing: an empty array). */
export type PackedArrays = Partial<Record<PartialName, Buffer>>;

/** A partial packed for the store (a copy: the arrays may be added into afterwards). */
export function packPartial(partial: LinesPartial): PackedArrays {
  const packed: PackedArrays = {};
  for (const name of kPartialNames) packed[name] = packArray(partial[name]);
  return packed;
}

/** One stored segment of a source's partial. */
export class PackedPartial {
  constructor(readonly blobs: PackedArrays) {}

  unpack(): LinesPartial {
    return buildPartial((name) => this.array(name));
  }

  addInto(target: LinesPartial): LinesPartial {
    return buildPartial((name) => {
      const blob = this.blobs[name];
      return blob === undefined ? target[name] : checked(name, addPackedInto(target[name], blob, kLinesPartialLayout[name].merge === 'or'));
    });
  }

  private array<K extends PartialName>(name: K): LinesPartial[K] {
    const blob = this.blobs[name];
    return blob === undefined ? allocatePartialArray(name, 0) : checked(name, unpackArray(blob));
  }
}

function checked<K extends PartialName>(name: K, array: ArrayBufferView): LinesPartial[K] {
  if (!isPartialArray(name, array)) throw new EtlError('STORE', `the store's partial ${name} has the wrong element type (a store from another version?): run with --full`);
  return array;
}

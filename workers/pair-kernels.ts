/**
 * The pairs count's inner loops in WebAssembly (pair-kernels.wat, compiled by the build), over one
 * shared memory per count: the main thread lays it out (`pairLayout` in pair-count.ts) and every thread
 * runs the kernels on the same memory, each on its own part of it.
 */
import { readFileSync } from 'node:fs';

export interface PairKernels {
  /** Pass 1 over one group of baskets; returns the baskets listed (see pair-kernels.wat for the 25 places). */
  listBaskets(...places: number[]): number;
  /** Pairs (i, j), lo <= i < hi, of one group's lists, added into the triangle (see pair-kernels.wat). */
  countBand(listsAt: number, offsetsAt: number, baskets: number, rowsAt: number, lo: number, hi: number, triangleAt: number): void;
}

let compiled: WebAssembly.Module | undefined;
const instances = new WeakMap<WebAssembly.Memory, PairKernels>();

/** The kernels over `memory` (compiled once per thread, instantiated once per memory). */
export function pairKernels(memory: WebAssembly.Memory): PairKernels {
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    compiled ??= new WebAssembly.Module(readKernels());
    const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
    kernels = { listBaskets: kernel(exports, 'listBaskets'), countBand: kernel(exports, 'countBand') };
    instances.set(memory, kernels);
  }
  return kernels;
}

function readKernels(): Uint8Array {
  const file = new URL('./pair-kernels.wasm', import.meta.url);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${file.pathname} could not be read (${(error as Error).message}): npm run build makes it`);
  }
}

/** An exported function of the module (its parameters and result are 32-bit integers). */
function kernel(exports: Record<string, unknown>, name: string): (...args: number[]) => number {
  const exported = exports[name];
  if (typeof exported !== 'function') throw new Error(`pair-kernels.wasm exports no function ${name}: run npm run build`);
  return exported as (...args: number[]) => number;
}

/** 64 KiB: WebAssembly's page. */
const kPageBytes = 1 << 16;

/** A shared memory of at least `bytes` bytes (zeroed), fixed in size. */
export function sharedMemory(bytes: number): WebAssembly.Memory {
  const pages = Math.max(1, Math.ceil(bytes / kPageBytes));
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}

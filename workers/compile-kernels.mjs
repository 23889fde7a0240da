// Build step (`npm run build`, after tsc): workers/pair-kernels.wat -> dist/workers/pair-kernels.wasm,
// with wabt (the WebAssembly Binary Toolkit, compiled to JavaScript; a dev dependency).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import wabtModule from 'wabt';

const source = new URL('./pair-kernels.wat', import.meta.url);
const target = new URL('../dist/workers/pair-kernels.wasm', import.meta.url);
const wabt = await wabtModule();
const parsed = wabt.parseWat('pair-kernels.wat', readFileSync(source, 'utf8'), { threads: true });
const { buffer } = parsed.toBinary({});
new WebAssembly.Module(buffer); // validated by the engine that will run it
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, buffer);

/**
 * The generator's only file I/O. Each file is written as `<name>.partial` and renamed into place only
 * after every file is complete, so a run that fails or is interrupted never leaves a mix of old and new
 * files under the real names (it may leave `.partial` files, which nothing reads).
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const kPartialSuffix = '.partial';

/** One output file being written, with its running totals. */
export class OutputFile {
  /** File name inside the output directory (`orders.csv`). */
  readonly name: string;
  /** Bytes written so far. */
  bytes = 0;
  /** Data rows written so far (the caller counts them). */
  rows = 0;
  private readonly path: string;
  private readonly handle: FileHandle;

  private constructor(name: string, path: string, handle: FileHandle) {
    this.name = name;
    this.path = path;
    this.handle = handle;
  }

  /** Create (or truncate) `<dir>/<name>.partial`. */
  static async create(dir: string, name: string): Promise<OutputFile> {
    const path = join(dir, name);
    return new OutputFile(name, path, await open(path + kPartialSuffix, 'w'));
  }

  /** Append all of `data` (FileHandle.write may write less than asked; loop until done). */
  async write(data: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset, null);
      offset += bytesWritten;
    }
    this.bytes += data.length;
  }

  /** Close and move into place under the real name. */
  async commit(): Promise<void> {
    await this.handle.close();
    await rename(this.path + kPartialSuffix, this.path);
  }

  /** Close and delete the partial file (after a failure); never throws. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.path + kPartialSuffix, { force: true }).catch(() => undefined);
  }
}

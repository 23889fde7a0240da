/**
 * One run at a time per store: a lock file beside the database holding the owner's pid, created with
 * O_EXCL. A second run fails at once with a clear message instead of waiting or corrupting; a lock left
 * by a process that no longer exists (kill -9) is taken over.
 */
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { EtlError } from '../errors/index.js';

/** Locks this process holds, released if it exits while holding them (one exit listener for all). */
const held = new Set<StoreLock>();
let releasedOnExit = false;

export class StoreLock {
  private released = false;

  private constructor(readonly path: string) {
    held.add(this);
    if (!releasedOnExit) {
      releasedOnExit = true;
      process.once('exit', () => [...held].forEach((lock) => lock.release()));
    }
  }

  static acquire(dbPath: string): StoreLock {
    const path = `${dbPath}.lock`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return new StoreLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = readOwner(path);
        if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
          throw new EtlError('LOCKED', `another instacart run (pid ${owner}) is using ${dbPath}; wait for it to finish (or delete ${path} if no run is active)`);
        }
        try {
          unlinkSync(path); // stale: its owner is gone
        } catch {
          // someone else took it over first; the next attempt tells
        }
      }
    }
    throw new EtlError('LOCKED', `could not lock ${dbPath} (${path} keeps reappearing)`);
  }

  /** True when a live process other than this one holds the lock of `dbPath`. */
  static heldByOther(dbPath: string): boolean {
    const owner = readOwner(`${dbPath}.lock`);
    return owner !== undefined && owner !== process.pid && isAlive(owner);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this);
    try {
      if (readOwner(this.path) === process.pid) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

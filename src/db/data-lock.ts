// The embedded database's data directory is opened by one process at a time. PGlite has no lock of
// its own: a second process (a `seed-demo` next to a running server) writes the same files and
// leaves a database that no longer opens. So whoever opens it first writes its pid into a lock file
// created exclusively (O_EXCL); everyone else is refused while that process lives. A lock left by a
// dead process (a crash, a SIGKILL, a container restart) is taken over.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'kip-monev.lock';

export class DataDirInUse extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`the database in ${dir} is in use by process ${pid}; stop it, or run this through the API`);
  }
}

export interface DataLock {
  /** removes the lock file if it is still ours; safe to call twice */
  release(): void;
}

/** Lock files this process holds: its own pid in a lock file is then a second open, not a stale lock. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it lives, under another user
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function createExclusive(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, `${process.pid}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of `dir` (created if missing) or throws DataDirInUse naming the live owner.
 * A stale lock is moved aside with rename(), which only one of several racing processes wins; the
 * winner checks that what it moved is the stale lock it read (not a fresh one another process wrote
 * in between, which it puts back) and then creates its own exclusively like anyone else.
 */
export function acquireDataLock(dir: string): DataLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file)) {
      held.add(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          held.delete(file);
          if (ownerOf(file) === process.pid) fs.rmSync(file, { force: true });
        },
      };
    }
    const owner = ownerOf(file);
    if (owner === null) continue; // released meanwhile
    const ours = owner === process.pid;
    if (owner > 0 && (ours ? held.has(file) : alive(owner))) throw new DataDirInUse(dir, owner);
    // stale (a dead pid, an unreadable file, or our pid reused after a restart)
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // another process took it over first
      throw err;
    }
    const moved = ownerOf(aside);
    if (moved !== owner) {
      // a fresh lock written between our read and our rename: give it back (unless someone already
      // holds a newer one) and look again
      try {
        fs.linkSync(aside, file);
      } catch {
        // EEXIST: the next round reads whoever holds it now
      }
    }
    fs.rmSync(aside, { force: true });
  }
  const owner = ownerOf(file);
  throw new DataDirInUse(dir, owner ?? 0);
}

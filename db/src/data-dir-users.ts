import { existsSync } from 'node:fs';
import { readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';

export interface DataDirUse {
  /** False where /proc is missing (not Linux): nobody could be checked. */
  checked: boolean;
  users: { pid: number; command: string }[];
}

/**
 * Which other processes hold files of an embedded data directory open, i.e. run PGlite on it.
 * PGlite writes a postmaster.pid but with a made-up pid (-42) that names nobody, and leaves it
 * behind when killed, so the open files in /proc are the reliable sign. Processes of other users
 * cannot be inspected and are skipped.
 */
export async function dataDirUsers(dir: string): Promise<DataDirUse> {
  if (!existsSync('/proc/self/fd')) return { checked: false, users: [] };
  const prefix = `${path.resolve(dir)}${path.sep}`;
  const users: DataDirUse['users'] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (!target.startsWith(prefix)) continue;
      const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      users.push({ pid, command: command.split('\0').filter(Boolean).join(' ').slice(0, 200) });
      break;
    }
  }
  return { checked: true, users };
}

/** PGlite removes postmaster.pid when it closes; one left behind means it was killed or crashed. */
export const closedUncleanly = (dir: string) => existsSync(path.join(dir, 'postmaster.pid'));

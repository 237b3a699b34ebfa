/**
 * procfs, the process file system at /proc: a read-only view of the kernel whose file contents
 * are generated when they are read (procfs/file.ts), in the formats of Linux's proc(5) so that
 * ps, top, free and uptime can read them. The root holds the system-wide files
 * (procfs/system.ts), `self`, and one directory per task (procfs/pid.ts).
 *
 * The pid directories are not children of the root dentry: the root's inode looks them up and
 * lists them itself (Inode.lookup and Inode.entryAt), from the task list, so a task that has
 * been reaped is gone at once. A pid directory's dentry is kept while its task lives (lookups
 * then find the same directory); once the task is reaped the directory is no longer alive
 * (Inode.alive), so a working directory or open directory inside it gets -ENOENT, files opened
 * there read -ESRCH, and the next lookup drops it from the cache.
 *
 * `self` is a symbolic link whose target is the reader's pid, resolved on every lookup.
 */
import { DirSlot, Dentry, Inode, S_IFDIR, S_IFLNK, SuperBlock, directoryOps, linkInode, linkOps, mount } from "./vfs";
import { freePidDirectory, makePidDirectory, findProcess } from "./procfs/pid";
import { populateSystemFiles } from "./procfs/system";
import { allTasks, currentTask } from "../proc/sched";

/** st_dev of /proc (Linux gives proc an anonymous device too). */
const PROC_DEV: u32 = 0x04;

/** Pid directories made so far whose task may still exist, and unlinked ones still in use. */
class PidDirectories {
  live: Dentry[] = [];
  dead: Dentry[] = [];
}
const pidDirs = new PidDirectories();

/** The pid a directory name stands for: decimal digits without a leading zero, or -1. */
function pidFromName(name: string): i32 {
  if (name.length === 0 || name.length > 9 || (name.length > 1 && name.charCodeAt(0) === 48)) return -1;
  let pid = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    pid = pid * 10 + (c - 48);
  }
  return pid;
}

/**
 * Unlinks the directories of tasks that have been reaped, and frees each as soon as no open
 * file or working directory names it or one of its files (until then it stays, unlinked).
 */
function pruneReaped(): void {
  const live = pidDirs.live;
  for (let i = 0; i < live.length; ) {
    const d = live[i];
    if (findProcess(pidFromName(d.name)) !== null) { i++; continue; }
    d.linked = false;
    live[i] = live[live.length - 1];
    live.pop();
    pidDirs.dead.push(d);
  }
  const dead = pidDirs.dead;
  for (let i = 0; i < dead.length; ) {
    const d = dead[i];
    if (!unused(d)) { i++; continue; }
    dead[i] = dead[dead.length - 1];
    dead.pop();
    freePidDirectory(d);
  }
}

/** Does nothing name `d` or one of its children? */
function unused(d: Dentry): boolean {
  if (d.refs !== 0) return false;
  for (const c of d.children) if (c.refs !== 0) return false;
  return true;
}

/** The directory of live task `pid` in `root`, made on first use (the directories of reaped tasks are dropped then). */
function pidDirectory(root: Dentry, pid: i32): Dentry {
  for (const d of pidDirs.live) if (pidFromName(d.name) === pid) return d;
  pruneReaped();
  const d = makePidDirectory(root, pid);
  pidDirs.live.push(d);
  return d;
}

/** The root directory: its children (the system files and `self`), then one entry per process (a thread is found by its tid, not listed). */
class ProcRoot extends Inode {
  lookup(dir: Dentry, name: string): Dentry | null {
    const pid = pidFromName(name);
    if (findProcess(pid) === null) return null;
    return pidDirectory(dir, pid);
  }

  /** Positions after the children belong to pids: pid p sits at 2 + children + p, so a listing survives tasks coming and going. */
  entryAt(dir: Dentry, pos: u32, out: DirSlot): boolean {
    const fixed = u32(dir.children.length);
    if (pos - 2 < fixed) return super.entryAt(dir, pos, out);
    const from = pos - 2 - fixed;
    let pid: i32 = -1;
    for (const t of allTasks()) if (t.pid > 0 && t.isLeader && u32(t.pid) >= from && (pid < 0 || t.pid < pid)) pid = t.pid; // processes, not their threads
    if (pid < 0) return false;
    out.dentry = pidDirectory(dir, pid);
    out.next = 2 + fixed + u32(pid) + 1;
    return true;
  }
}

/** /proc/self: a symbolic link to the calling task's directory. The target it returns stays valid until the link is read again. */
class SelfLink extends Inode {
  private target: string | null = null;

  readLink(): string | null {
    dispose(this.target);
    const target = `${currentTask().pid}`;
    this.target = target;
    return target;
  }
}

/** The procfs instance: read-only; its only directory made through the generic path is the root. */
class ProcFs extends SuperBlock {
  constructor() {
    super("proc", PROC_DEV);
    this.readOnly = true;
  }

  createDirectory(mode: u32): Inode {
    const root = new ProcRoot(this, this.allocIno(), S_IFDIR | (mode & 0o7777), directoryOps);
    root.nlink = 2;
    return root;
  }
}

/** Mounts procfs on the directory `on` (at boot, on /proc) and fills its root. */
export function mountProcfs(on: Dentry): Dentry {
  const root = mount(new ProcFs(), on, 0o555);
  populateSystemFiles(root);
  const sb = root.inode.sb;
  linkInode(root, "self", new SelfLink(sb, sb.allocIno(), S_IFLNK | 0o777, linkOps));
  return root;
}

/**
 * Per-process file state, kept here by task slot so that the process layer never sees files:
 * the descriptor table (open files and close-on-exec flags), the working directory and the
 * umask. Process hooks give the first process the console on 0, 1 and 2, give a forked (or
 * spawned) child a copy of its parent's state, and close everything at exit.
 */
import { Task, MAX_TASKS } from "../proc/task";
import { addExecHook, addProcessHooks } from "../proc/hooks";
import { Errno } from "../syscall/errno";
import { Dentry, File, O_RDWR, fileGet, filePut, rootDentry } from "./vfs";
import { consoleInode } from "./devfs";

/** Descriptors per process (RLIMIT_NOFILE). */
export const MAX_FDS: i32 = 256;

/** One process's descriptor table. */
export class FdTable {
  files = new Array<File | null>(MAX_FDS).fill(null);
  cloexec = new Array<boolean>(MAX_FDS).fill(false);

  /** The open file behind `fd`, or null (a bad descriptor). */
  get(fd: i32): File | null {
    if (fd < 0 || fd >= MAX_FDS) return null;
    return this.files[fd];
  }

  /** Installs `f` at the lowest free descriptor ≥ `from`; the descriptor or -EMFILE. Takes over the caller's reference. */
  install(f: File, from: i32, closeOnExec: boolean): i32 {
    for (let fd = from < 0 ? 0 : from; fd < MAX_FDS; fd++) {
      if (this.files[fd] === null) {
        this.files[fd] = f;
        this.cloexec[fd] = closeOnExec;
        return fd;
      }
    }
    return -Errno.EMFILE;
  }

  /** Puts `f` at exactly `fd`, closing what was there (dup2). */
  installAt(fd: i32, f: File, closeOnExec: boolean): void {
    const old = this.files[fd];
    this.files[fd] = f;
    this.cloexec[fd] = closeOnExec;
    if (old !== null) filePut(old);
  }

  /** Closes `fd`; 0 or -EBADF. */
  close(fd: i32): i32 {
    const f = this.get(fd);
    if (f === null) return -Errno.EBADF;
    this.files[fd] = null;
    this.cloexec[fd] = false;
    filePut(f);
    return 0;
  }

  /** Closes every descriptor. */
  closeAll(): void {
    for (let fd = 0; fd < MAX_FDS; fd++) if (this.files[fd] !== null) this.close(fd);
  }

  /** A copy sharing every open file (fork). */
  clone(): FdTable {
    const t = new FdTable();
    for (let fd = 0; fd < MAX_FDS; fd++) {
      const f = this.files[fd];
      if (f !== null) {
        t.files[fd] = fileGet(f);
        t.cloexec[fd] = this.cloexec[fd];
      }
    }
    return t;
  }

  /** Open descriptors. */
  count(): i32 {
    let n = 0;
    for (const f of this.files) if (f !== null) n++;
    return n;
  }
}

const tables = new Array<FdTable | null>(MAX_TASKS).fill(null);
const cwds = new Array<Dentry | null>(MAX_TASKS).fill(null);
const umasks = new Array<u32>(MAX_TASKS).fill(0o022);

/** The descriptor table of `t` (null for kernel threads). */
export function fdTableOf(t: Task): FdTable | null {
  return tables[t.slot];
}

/** The working directory of `t` (the root for tasks without one). */
export function cwdOf(t: Task): Dentry {
  const d = cwds[t.slot];
  return d === null ? rootDentry() : d;
}

/** Changes the working directory of `t`. */
export function setCwd(t: Task, d: Dentry): void {
  cwds[t.slot] = d;
}

/** The umask of `t`. */
export function umaskOf(t: Task): u32 {
  return umasks[t.slot];
}

/** Sets the umask of `t`; returns the old one. */
export function setUmask(t: Task, mask: u32): u32 {
  const old = umasks[t.slot];
  umasks[t.slot] = mask & 0o777;
  return old;
}

/** A table with the console open on descriptors 0, 1 and 2 (one shared open file, as init gets it). */
function consoleTable(): FdTable {
  const t = new FdTable();
  const inode = consoleInode();
  const f = new File(inode, null, O_RDWR, inode.ops);
  t.files[0] = f;
  t.files[1] = fileGet(f);
  t.files[2] = fileGet(f);
  return t;
}

function onNewProcess(child: Task, parent: Task | null, _isFork: boolean): void {
  const pt = parent === null ? null : tables[parent.slot];
  if (pt !== null && parent !== null) {
    tables[child.slot] = pt.clone();
    cwds[child.slot] = cwds[parent.slot];
    umasks[child.slot] = umasks[parent.slot];
  } else {
    tables[child.slot] = consoleTable();
    cwds[child.slot] = rootDentry();
    umasks[child.slot] = 0o022;
  }
}

function onExit(t: Task): void {
  const table = tables[t.slot];
  if (table !== null) table.closeAll();
  tables[t.slot] = null;
  cwds[t.slot] = null;
  umasks[t.slot] = 0o022;
}

/** Closes the descriptors marked close-on-exec (execve calls this once the new image is loaded). */
export function closeOnExec(t: Task): void {
  const table = tables[t.slot];
  if (table === null) return;
  for (let fd = 0; fd < MAX_FDS; fd++) if (table.cloexec[fd]) table.close(fd);
}

/** Attaches file state to processes. */
export function fdTablesInit(): void {
  addProcessHooks(onNewProcess, onExit);
  addExecHook(closeOnExec);
}

/**
 * Per-process file state, kept here by task slot so that the process layer never sees files:
 * the descriptor table (open files and close-on-exec flags), and the fs context (working
 * directory and umask). Process hooks give the first process the console on 0, 1 and 2, give a
 * forked child a copy of its parent's state — or the same table and context, shared, with
 * CLONE_FILES and CLONE_FS (threads) — and close everything when the last user exits.
 */
import { CLONE_FILES, CLONE_FS, Task, MAX_TASKS } from "../proc/task";
import { addExecHook, addProcessHooks } from "../proc/hooks";
import { Errno } from "../syscall/errno";
import { Dentry, File, O_RDWR, fileGet, filePut, rootDentry } from "./vfs";
import { consoleInode } from "./devfs";

/** Descriptors per process (RLIMIT_NOFILE). */
export const MAX_FDS: i32 = 256;

/** One process's descriptor table (shared by the tasks cloned with CLONE_FILES). */
export class FdTable {
  readonly files = new Array<File | null>(MAX_FDS).fill(null);
  readonly cloexec = new Array<boolean>(MAX_FDS).fill(false);
  /** Tasks using this table; the last one to exit closes it. */
  users = 1;

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

  /** Closes every descriptor and frees the table (its last user is gone). */
  destroy(): void {
    this.closeAll();
    dispose(this.files);
    dispose(this.cloexec);
    dispose(this);
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
// fs contexts (working directory and umask) by context number; a task's is fsContext[slot]
// (-1: none). Tasks cloned with CLONE_FS share one; there are never more in use than tasks.
const fsContext = new Array<i32>(MAX_TASKS).fill(-1);
const fsUsers = new Array<i32>(MAX_TASKS).fill(0);
const cwds = new Array<Dentry | null>(MAX_TASKS).fill(null);
const umasks = new Array<u32>(MAX_TASKS).fill(0o022);

/** The descriptor table of `t` (null for kernel threads). */
export function fdTableOf(t: Task): FdTable | null {
  return tables[t.slot];
}

/** The working directory of `t` (the root for tasks without one). */
export function cwdOf(t: Task): Dentry {
  const c = fsContext[t.slot];
  const d = c < 0 ? null : cwds[c];
  return d === null ? rootDentry() : d;
}

/** Changes the working directory of `t` (and of the tasks sharing its fs context). */
export function setCwd(t: Task, d: Dentry): void {
  const c = fsContext[t.slot];
  if (c < 0) return;
  d.refs++;
  const old = cwds[c];
  if (old !== null) old.refs--;
  cwds[c] = d;
}

/** The umask of `t`. */
export function umaskOf(t: Task): u32 {
  const c = fsContext[t.slot];
  return c < 0 ? 0o022 : umasks[c];
}

/** Sets the umask of `t` (and of the tasks sharing its fs context); returns the old one. */
export function setUmask(t: Task, mask: u32): u32 {
  const c = fsContext[t.slot];
  if (c < 0) return 0o022;
  const old = umasks[c];
  umasks[c] = mask & 0o777;
  return old;
}

/** A new fs context with `cwd` and `umask`. */
function newFsContext(cwd: Dentry, umask: u32): i32 {
  for (let c = 0; c < MAX_TASKS; c++) {
    if (fsUsers[c] === 0) {
      fsUsers[c] = 1;
      cwd.refs++;
      cwds[c] = cwd;
      umasks[c] = umask;
      return c;
    }
  }
  panic("no free fs context");
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
  const pc = parent === null ? -1 : fsContext[parent.slot];
  if (pt !== null && (child.cloneFlags & CLONE_FILES) !== 0) {
    pt.users++;
    tables[child.slot] = pt;
  } else {
    tables[child.slot] = pt !== null ? pt.clone() : consoleTable();
  }
  if (pc >= 0 && (child.cloneFlags & CLONE_FS) !== 0) {
    fsUsers[pc]++;
    fsContext[child.slot] = pc;
  } else {
    fsContext[child.slot] = pc >= 0 ? newFsContext(cwdOf(parent!), umasks[pc]) : newFsContext(rootDentry(), 0o022);
  }
}

function onExit(t: Task): void {
  const table = tables[t.slot];
  tables[t.slot] = null;
  if (table !== null) {
    table.users--;
    if (table.users === 0) table.destroy();
  }
  const c = fsContext[t.slot];
  fsContext[t.slot] = -1;
  if (c >= 0) {
    fsUsers[c]--;
    if (fsUsers[c] === 0) {
      const old = cwds[c];
      if (old !== null) old.refs--;
      cwds[c] = null;
    }
  }
}

/**
 * Closes the descriptors marked close-on-exec (execve calls this once the new image is loaded),
 * in a private copy of the table when it was shared with another process.
 */
export function closeOnExec(t: Task): void {
  let table = tables[t.slot];
  if (table === null) return;
  if (table.users > 1) {
    const own = table.clone();
    table.users--;
    tables[t.slot] = own;
    table = own;
  }
  for (let fd = 0; fd < MAX_FDS; fd++) if (table.cloexec[fd]) table.close(fd);
}

/** Attaches file state to processes. */
export function fdTablesInit(): void {
  addProcessHooks(onNewProcess, onExit);
  addExecHook(closeOnExec);
}

/**
 * The virtual file system: superblocks, inodes, the dentry tree (path lookup with `.` and `..`,
 * absolute or relative to a start directory, across mount points and symbolic links) and open
 * files with their operations tables. The file systems here live in memory, so, as in Linux's
 * ramfs, the dentry tree is the directory structure itself: directory operations (create, link,
 * unlink, rename) are generic, and an inode's FileOps carries what differs (data, devices,
 * pipes). Directories whose entries are made on demand (procfs) override the inode's `lookup`
 * and `entryAt`; symbolic links override `readLink`; a read-only superblock refuses changes.
 *
 * All buffers passed to file operations are kernel addresses; the system-call layer copies to
 * and from user memory.
 */
import { Errno } from "../syscall/errno";
import { realtimeNs } from "../drivers/wallclock";
import { SplitPath, releaseSplit, splitPath } from "./path";
import { MemoryObject } from "../mm/memobject";

// File types and permission bits (include/uapi/linux/stat.h).
export const S_IFMT: u32 = 0o170000;
export const S_IFSOCK: u32 = 0o140000;
export const S_IFLNK: u32 = 0o120000;
export const S_IFREG: u32 = 0o100000;
export const S_IFDIR: u32 = 0o040000;
export const S_IFCHR: u32 = 0o020000;
export const S_IFIFO: u32 = 0o010000;

// open(2) flags for i386 (include/uapi/asm-generic/fcntl.h).
export const O_ACCMODE: u32 = 3;
export const O_RDONLY: u32 = 0;
export const O_WRONLY: u32 = 1;
export const O_RDWR: u32 = 2;
export const O_CREAT: u32 = 0o100;
export const O_EXCL: u32 = 0o200;
export const O_NOCTTY: u32 = 0o400;
export const O_TRUNC: u32 = 0o1000;
export const O_APPEND: u32 = 0o2000;
export const O_NONBLOCK: u32 = 0o4000;
export const O_LARGEFILE: u32 = 0o100000;
export const O_DIRECTORY: u32 = 0o200000;
export const O_NOFOLLOW: u32 = 0o400000;
export const O_CLOEXEC: u32 = 0o2000000;

// Readiness bits for poll (include/uapi/asm-generic/poll.h).
export const POLLIN: i32 = 1;
export const POLLOUT: i32 = 4;
export const POLLERR: i32 = 8;
export const POLLHUP: i32 = 16;

/** Largest file offset and size (files are addressed with 32-bit offsets inside the kernel). */
export const MAX_FILE_BYTES: u32 = 0x7fffffff;

/** The current time for inode timestamps: wall-clock nanoseconds since 1970 (CLOCK_REALTIME). */
export function currentTime(): u64 {
  return realtimeNs();
}

/**
 * What an open file can do: the seam between the VFS and each file system or device
 * (Linux's file_operations). The defaults suit a file that supports none of it.
 */
export abstract class FileOps {
  /**
   * Reads up to `n` bytes at offset `pos` into kernel address `buf`; bytes read or -errno. With
   * `nowait` (O_NONBLOCK, RWF_NOWAIT) a read that would sleep fails with -EAGAIN instead. The
   * file position is the VFS's business (see positioned), never the operation's.
   */
  read(_f: File, _buf: u32, _n: u32, _pos: u32, _nowait: boolean): i32 {
    return -Errno.EINVAL;
  }
  /** Writes up to `n` bytes from kernel address `buf` at offset `pos` (`nowait` as for read); bytes written or -errno. */
  write(_f: File, _buf: u32, _n: u32, _pos: u32, _nowait: boolean): i32 {
    return -Errno.EINVAL;
  }
  /** A device control request; `buf` is a kernel copy of the argument (see the syscall layer). */
  ioctl(_f: File, _cmd: u32, _buf: u32): i32 {
    return -Errno.ENOTTY;
  }
  /** POLLIN/POLLOUT/POLLHUP bits that hold now. */
  pollReady(_f: File): i32 {
    return POLLIN | POLLOUT;
  }
  /** Can a read or write wait (pipes, terminals)? Such files are read one chunk per call. */
  canBlock(): boolean {
    return false;
  }
  /**
   * Do read and write also take user addresses (below USER_END, range-checked by the caller) and
   * copy with fault checks themselves? Then read(2) and write(2) hand them the user buffer
   * whole, with no bounce page (pipes).
   */
  copiesUser(): boolean {
    return false;
  }
  /**
   * mmap: a memory object holding the file's pages (its first user becomes the mapping; `shared`
   * for MAP_SHARED), or null when the file cannot be mapped (-ENODEV).
   */
  mapObject(_f: File, _shared: boolean): MemoryObject | null {
    return null;
  }
  /** Does mmap of the file give anonymous memory, as /dev/zero does? */
  mapsAnonymous(): boolean {
    return false;
  }
  /** Does lseek make sense, and do pread/pwrite? (-ESPIPE otherwise: pipes, terminals) */
  seekable(): boolean {
    return true;
  }
  /**
   * Do read(2) and write(2) move the file position by what they transfer? Not for streams
   * (pipes, terminals) nor for devices whose data has no place (/dev/null, /dev/zero), whose
   * position stays where lseek put it, as on Linux.
   */
  positioned(): boolean {
    return true;
  }
  /** Called when the last reference to the open file goes away. */
  release(_f: File): void {}
}

/** Operations of a directory opened for reading: entries come from getdents, not read. */
class DirectoryOps extends FileOps {
  read(_f: File, _buf: u32, _n: u32, _pos: u32, _nowait: boolean): i32 {
    return -Errno.EISDIR;
  }
  write(_f: File, _buf: u32, _n: u32, _pos: u32, _nowait: boolean): i32 {
    return -Errno.EISDIR;
  }
}
/** The one directory operations table. */
export const directoryOps = new DirectoryOps();

/** Operations of an inode that is never opened itself: a symbolic link (open follows it, or fails with -ELOOP). */
class LinkOps extends FileOps {}
/** The one symbolic-link operations table. */
export const linkOps = new LinkOps();

/** A mounted file system instance. */
export class SuperBlock {
  private nextIno: u32 = 1;
  /** The root dentry, set when the file system is mounted. */
  root: Dentry | null = null;
  /** Refuses every change (create, remove, rename, opening a file for writing) with -EROFS. */
  readOnly = false;

  constructor(readonly type: string, readonly dev: u32) {}

  /** A fresh inode number. */
  allocIno(): u32 {
    return this.nextIno++;
  }

  /** Creates an empty regular file inode; null when the file system cannot hold files. */
  createRegular(_mode: u32): Inode | null {
    return null;
  }

  /** Creates a directory inode. */
  createDirectory(mode: u32): Inode {
    const i = new Inode(this, this.allocIno(), S_IFDIR | (mode & 0o7777), directoryOps);
    i.nlink = 2;
    return i;
  }
}

/** A file system object: type and permissions, link count, size, times, operations. */
export class Inode {
  nlink: u32 = 1;
  size: u32 = 0;
  uid: u32 = 0;
  gid: u32 = 0;
  /** Last access, modification and status change, in nanoseconds since 1970. */
  atime: u64;
  mtime: u64;
  ctime: u64;
  /** Device number of a character device (major << 8 | minor). */
  rdev: u32 = 0;
  /** Open files referring to this inode; data is freed when this and nlink reach zero. */
  opens: i32 = 0;

  constructor(readonly sb: SuperBlock, readonly ino: u32, public mode: u32, public ops: FileOps) {
    const now = currentTime();
    this.atime = now;
    this.mtime = now;
    this.ctime = now;
  }

  isDirectory(): boolean {
    return (this.mode & S_IFMT) === S_IFDIR;
  }

  isRegular(): boolean {
    return (this.mode & S_IFMT) === S_IFREG;
  }

  isSymlink(): boolean {
    return (this.mode & S_IFMT) === S_IFLNK;
  }

  /**
   * False once what a generated directory describes is gone (the /proc directory of a reaped
   * process): walking through it and listing it then fail with -ENOENT, as for a removed one.
   */
  alive(): boolean {
    return true;
  }

  /** The target of a symbolic link, read on every use (so it may depend on the caller); null for other inodes. */
  readLink(): string | null {
    return null;
  }

  /**
   * A directory's entry `name` that is not among its dentry's children, made on demand (Linux's
   * inode_operations.lookup); null when there is none. Only generated directories override it.
   */
  lookup(_dir: Dentry, _name: string): Dentry | null {
    return null;
  }

  /**
   * Directory listing: the entry at position `pos` (≥ 2; 0 and 1 are `.` and `..`) or, for
   * directories with gaps, the first one after it. Sets `out.dentry` and `out.next` (the
   * position after the entry); false at the end. By default the positions index the children.
   */
  entryAt(dir: Dentry, pos: u32, out: DirSlot): boolean {
    const k = pos - 2;
    if (k >= u32(dir.children.length)) return false;
    out.dentry = dir.children[k];
    out.next = pos + 1;
    return true;
  }

  /** Changes the size of a regular file (O_TRUNC, ftruncate); 0 or -errno. */
  truncate(_size: u32): i32 {
    return -Errno.EINVAL;
  }

  /** Frees the inode's data once it has no links and no open files. */
  evict(): void {}

  /** Drops a reference (a link or an open file) and evicts when none is left. */
  maybeEvict(): void {
    if (this.nlink === 0 && this.opens === 0) this.evict();
  }
}

/** One step of a directory listing (see Inode.entryAt). */
export class DirSlot {
  dentry: Dentry | null = null;
  next: u32 = 0;
}

/** A name in the directory tree; in-memory file systems keep their whole tree here. */
export class Dentry {
  children: Dentry[] = [];
  /** The root of a file system mounted on this directory, or null. */
  mounted: Dentry | null = null;
  /** For the root of a mounted file system: the directory it covers. */
  covers: Dentry | null = null;
  /** False once unlinked or removed (an open file or cwd may still refer to it). */
  linked = true;
  /** Open files and working directories that name this entry (it is freed only when none do). */
  refs: i32 = 0;

  constructor(public name: string, public parent: Dentry | null, readonly inode: Inode) {}

  /** The child called `name`, or null. */
  child(name: string): Dentry | null {
    for (const c of this.children) if (c.name === name) return c;
    return null;
  }

  /** Removes `d` from the children. */
  removeChild(d: Dentry): void {
    for (let i = 0; i < this.children.length; i++) {
      if (this.children[i] === d) {
        this.children[i] = this.children[this.children.length - 1];
        this.children.pop();
        return;
      }
    }
  }
}

/** An open file: shared by dup and fork, with one position and one set of status flags. */
export class File {
  pos: u32 = 0;
  refs: i32 = 1;
  /** Per-open state of the file system or device (Linux's private_data): an address its FileOps owns and frees in release. */
  privateData: u32 = 0;

  constructor(readonly inode: Inode, readonly dentry: Dentry | null, public flags: u32, readonly ops: FileOps) {
    inode.opens++;
    if (dentry !== null) dentry.refs++;
  }

  get readable(): boolean {
    return (this.flags & O_ACCMODE) !== O_WRONLY;
  }

  get writable(): boolean {
    const a = this.flags & O_ACCMODE;
    return a === O_WRONLY || a === O_RDWR;
  }
}

/** Takes another reference to an open file (dup, fork). */
export function fileGet(f: File): File {
  f.refs++;
  return f;
}

/**
 * Drops a reference; the last one releases the file and frees it. (A system call that may sleep
 * while another thread could close the descriptor holds a reference of its own: fileOf.)
 */
export function filePut(f: File): void {
  f.refs--;
  if (f.refs > 0) return;
  f.ops.release(f);
  const inode = f.inode;
  if (f.dentry !== null) f.dentry!.refs--;
  dispose(f);
  inode.opens--;
  inode.maybeEvict(); // may free the inode (a pipe's)
}

class Vfs {
  root: Dentry | null = null;
  /** The root dentries of the mounted file systems, in mount order (the root file system first). */
  mounts: Dentry[] = [];
}
const vfs = new Vfs();

/** Makes `sb` the root file system. */
export function mountRoot(sb: SuperBlock, mode: u32): Dentry {
  const d = new Dentry("/", null, sb.createDirectory(mode));
  sb.root = d;
  vfs.root = d;
  vfs.mounts.push(d);
  return d;
}

/** Mounts `sb` (a fresh root directory) on the directory `on`. */
export function mount(sb: SuperBlock, on: Dentry, mode: u32): Dentry {
  const d = new Dentry(on.name, on.parent, sb.createDirectory(mode));
  d.covers = on;
  sb.root = d;
  on.mounted = d;
  vfs.mounts.push(d);
  return d;
}

/** The root dentries of every mounted file system, the root file system first (for /proc/mounts). */
export function mountedRoots(): Dentry[] {
  return vfs.mounts;
}

/** The root directory. */
export function rootDentry(): Dentry {
  const r = vfs.root;
  if (r === null) panic("the root file system is not mounted");
  return r;
}

/** Follows mounts: what a walk sees at `d`. */
function mountedTop(d: Dentry): Dentry {
  let x = d;
  while (x.mounted !== null) x = x.mounted!;
  return x;
}

/** The parent of `d` as `..` sees it (crossing back over mount points; the root is its own parent). */
export function parentOf(d: Dentry): Dentry {
  let x = d;
  while (x.covers !== null) x = x.covers!;
  const p = x.parent;
  return p === null ? rootDentry() : mountedTop(p);
}

/** The outcome of a path walk. */
export class Lookup {
  /** The dentry the path names (null when it does not exist). */
  dentry: Dentry | null = null;
  /** The directory holding the last component (for create, unlink, rename). */
  parent: Dentry | null = null;
  /** The last component ("" for the root or a path ending in `.`/`..`). */
  name = "";
  /** 0, or the -errno that stopped the walk before the last component. */
  error: i32 = 0;
  /** The path ended with a slash. */
  trailingSlash = false;
  /** Symbolic links followed so far (-ELOOP beyond MAX_SYMLINKS). */
  links: i32 = 0;
  /** Which component of the walk's split `name` is (-1: none, the name is a literal). */
  nameComponent: i32 = -1;
}

/** Most symbolic links one path resolution follows, nested ones included (Linux's MAXSYMLINKS). */
export const MAX_SYMLINKS: i32 = 40;

/** The entry `name` of directory `dir` as a walk sees it: a child, or one the inode makes on demand. */
function lookupChild(dir: Dentry, name: string): Dentry | null {
  const child = dir.child(name);
  if (child !== null) return mountedTop(child);
  const made = dir.inode.lookup(dir, name);
  return made === null ? null : mountedTop(made);
}

/** Resolves the symbolic link `link` found in `dir` (a relative target starts at `dir`). */
function followLink(dir: Dentry, link: Dentry, links: i32): Lookup {
  if (links >= MAX_SYMLINKS) {
    const r = new Lookup();
    r.error = -Errno.ELOOP;
    return r;
  }
  const target = link.inode.readLink();
  return walkPath(dir, target === null ? "" : target, true, links + 1);
}

/**
 * Walks `path` from `start` (relative paths) or the root. Every component but the last must
 * be a searchable directory (-ENOENT, -ENOTDIR), symbolic links among them followed (-ELOOP);
 * the last one may be missing (dentry null) so that callers can create it, and is not followed
 * when it is a symbolic link (unless the path ends with a slash), as unlink, rename and lstat
 * need. `.` and `..` are resolved as they come.
 */
export function walk(start: Dentry, path: string): Lookup {
  return walkPath(start, path, false, 0);
}

/** walk's engine: `followLast` follows a link in the last component too; `links` have been followed already. */
function walkPath(start: Dentry, path: string, followLast: boolean, links: i32): Lookup {
  const r = new Lookup();
  r.links = links;
  if (path.length === 0) { r.error = -Errno.ENOENT; return r; }
  const sp = splitPath(path);
  const res = walkComponents(start, sp, followLast, r);
  // The split is this walk's own: its component strings go, but for the one the result keeps as
  // its name; a result from a followed link brings its own name, and r is then not needed.
  releaseSplit(sp, res === r ? r.nameComponent : -1);
  if (res !== r) dispose(r);
  return res;
}

/** Walks the components of `sp` into `r` (or returns the lookup of a final symbolic link). */
function walkComponents(start: Dentry, sp: SplitPath, followLast: boolean, r: Lookup): Lookup {
  if (sp.tooLong) { r.error = -Errno.ENAMETOOLONG; return r; }
  r.trailingSlash = sp.trailingSlash;
  let cur = mountedTop(sp.absolute ? rootDentry() : start);
  const n = sp.components.length;
  for (let i = 0; i < n; i++) {
    if (!cur.inode.isDirectory()) { r.error = -Errno.ENOTDIR; return r; }
    if (!cur.inode.alive()) { r.error = -Errno.ENOENT; return r; }
    const c = sp.components[i];
    const last = i === n - 1;
    let next: Dentry | null = null;
    if (c === ".") next = cur;
    else if (c === "..") next = parentOf(cur);
    else next = lookupChild(cur, c);
    if (next !== null && next.inode.isSymlink() && (!last || followLast || sp.trailingSlash)) {
      const t = followLink(cur, next, r.links);
      if (last) {
        t.trailingSlash = t.trailingSlash || sp.trailingSlash;
        return t;
      }
      const err = t.error, d = t.dentry;
      r.links = t.links;
      releaseLookup(t);
      if (err !== 0) { r.error = err; return r; }
      if (d === null) { r.error = -Errno.ENOENT; return r; }
      next = d;
    }
    if (last) {
      r.parent = cur;
      if (c !== "." && c !== "..") {
        r.name = c;
        r.nameComponent = i;
      }
      r.dentry = next;
      return r;
    }
    if (next === null) { r.error = -Errno.ENOENT; return r; }
    cur = next;
  }
  // The root itself ("/").
  r.parent = cur;
  r.dentry = cur;
  return r;
}

/**
 * Frees a lookup and its name, once its caller has read what it needs (a name kept in a new
 * directory entry must not be released: entries keep a copy, see addEntry).
 */
export function releaseLookup(r: Lookup): void {
  dispose(r.name);
  dispose(r);
}

/** Resolves a path that must exist, following symbolic links (stat, chdir); sets `error` to -ENOENT/-ENOTDIR/-ELOOP otherwise. */
export function resolve(start: Dentry, path: string): Lookup {
  return mustExist(walkPath(start, path, true, 0));
}

/** As resolve, but a symbolic link in the last component is the result itself (lstat, readlink). */
export function resolveNoFollow(start: Dentry, path: string): Lookup {
  return mustExist(walkPath(start, path, false, 0));
}

function mustExist(r: Lookup): Lookup {
  if (r.error !== 0) return r;
  const d = r.dentry;
  if (d === null) { r.error = -Errno.ENOENT; return r; }
  if (r.trailingSlash && !d.inode.isDirectory()) r.error = -Errno.ENOTDIR;
  return r;
}

/** Links a new inode into `dir` under `name`. */
function addEntry(dir: Dentry, name: string, inode: Inode): Dentry {
  const d = new Dentry(name, dir, inode);
  dir.children.push(d);
  const now = currentTime();
  dir.inode.mtime = now;
  dir.inode.ctime = now;
  return d;
}

/** Creates a regular file `name` in `dir` with permission bits `mode`; the dentry or null (-ENOSPC). */
export function createFile(dir: Dentry, name: string, mode: u32): Dentry | null {
  const inode = dir.inode.sb.createRegular(mode & 0o7777);
  if (inode === null) return null;
  return addEntry(dir, name, inode);
}

/** Adds an existing inode (a device node, for example) to `dir`. */
export function linkInode(dir: Dentry, name: string, inode: Inode): Dentry {
  return addEntry(dir, name, inode);
}

/** mkdir: 0 or -EEXIST, -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EROFS. */
export function makeDirectory(start: Dentry, path: string, mode: u32): i32 {
  const r = walk(start, path);
  const e = makeDirectoryAt(r, mode);
  releaseLookup(r);
  return e;
}

function makeDirectoryAt(r: Lookup, mode: u32): i32 {
  if (r.error !== 0) return r.error;
  if (r.dentry !== null) return -Errno.EEXIST;
  const dir = r.parent!;
  if (dir.inode.sb.readOnly) return -Errno.EROFS;
  const d = addEntry(dir, takeName(r), dir.inode.sb.createDirectory(mode));
  d.parent = dir;
  dir.inode.nlink++;
  return 0;
}

/** The last component of a walk, for a new directory entry to keep: the lookup no longer owns it. */
export function takeName(r: Lookup): string {
  const n = r.name;
  r.name = "";
  return n;
}

/** Is `d` a mount point or the root of a mounted file system? */
function isBusy(d: Dentry): boolean {
  return d.mounted !== null || d.covers !== null || d.parent === null;
}

/** Takes a dentry out of the tree and drops its link. */
function detach(d: Dentry): void {
  const p = d.parent!;
  p.removeChild(d);
  d.linked = false;
  const now = currentTime();
  p.inode.mtime = now;
  p.inode.ctime = now;
  d.inode.ctime = now;
  if (d.inode.isDirectory()) {
    p.inode.nlink--;
    d.inode.nlink = 0;
  } else {
    d.inode.nlink--;
  }
  d.inode.maybeEvict();
}

/** unlink: 0 or -ENOENT, -ENOTDIR, -EISDIR, -EROFS (checked first, as Linux does). */
export function unlinkPath(start: Dentry, path: string): i32 {
  const r = walk(start, path);
  const e = unlinkAt(r);
  releaseLookup(r);
  return e;
}

function unlinkAt(r: Lookup): i32 {
  if (r.error !== 0) return r.error;
  if (r.parent!.inode.sb.readOnly) return -Errno.EROFS;
  const d = r.dentry;
  if (d === null) return -Errno.ENOENT;
  if (d.inode.isDirectory()) return -Errno.EISDIR;
  if (r.trailingSlash) return -Errno.ENOTDIR;
  detach(d);
  return 0;
}

/** rmdir: 0 or -ENOENT, -ENOTDIR, -ENOTEMPTY, -EINVAL (`.`), -EBUSY (root, mount points), -EROFS. */
export function removeDirectory(start: Dentry, path: string): i32 {
  const r = walk(start, path);
  const e = removeDirectoryAt(r, path);
  releaseLookup(r);
  return e;
}

function removeDirectoryAt(r: Lookup, path: string): i32 {
  if (r.error !== 0) return r.error;
  if (r.name !== "" && r.parent!.inode.sb.readOnly) return -Errno.EROFS;
  const d = r.dentry;
  if (d === null) return -Errno.ENOENT;
  if (!d.inode.isDirectory()) return -Errno.ENOTDIR;
  if (r.name === "") {
    const sp = splitPath(path);
    const lastIsDot = sp.components.length > 0 && sp.components[sp.components.length - 1] === ".";
    releaseSplit(sp, -1);
    if (lastIsDot) return -Errno.EINVAL;
    return isBusy(d) ? -Errno.EBUSY : -Errno.ENOTEMPTY;
  }
  if (isBusy(d)) return -Errno.EBUSY;
  if (d.children.length > 0) return -Errno.ENOTEMPTY;
  detach(d);
  return 0;
}

/** Is `d` the directory `ancestor` or below it? */
function isWithin(d: Dentry, ancestor: Dentry): boolean {
  let x: Dentry | null = d;
  while (x !== null) {
    if (x === ancestor) return true;
    x = x.covers !== null ? x.covers : x.parent;
  }
  return false;
}

/**
 * rename: moves `from` to `to`, replacing a file there (or an empty directory, when a directory
 * moves). Errors as Linux: -ENOENT, -ENOTDIR, -EISDIR, -ENOTEMPTY, -EINVAL (into itself),
 * -EBUSY (mount points), -EXDEV (across file systems), -EROFS.
 */
export function renamePath(start: Dentry, from: string, to: string): i32 {
  const a = walk(start, from);
  if (a.error !== 0 || a.dentry === null) {
    const e = a.error !== 0 ? a.error : -Errno.ENOENT;
    releaseLookup(a);
    return e;
  }
  const b = walk(start, to);
  const e = renameAt(a, b);
  releaseLookup(a);
  releaseLookup(b);
  return e;
}

function renameAt(a: Lookup, b: Lookup): i32 {
  const src = a.dentry!;
  if (b.error !== 0) return b.error;
  if (a.name === "" || b.name === "") return -Errno.EBUSY;
  if (isBusy(src)) return -Errno.EBUSY;
  const srcDir = src.inode.isDirectory();
  if (!srcDir && (a.trailingSlash || b.trailingSlash)) return -Errno.ENOTDIR;
  const dstParent = b.parent!;
  if (dstParent.inode.sb !== src.inode.sb) return -Errno.EXDEV;
  if (dstParent.inode.sb.readOnly) return -Errno.EROFS;
  const dst = b.dentry;
  if (dst === src) return 0;
  if (srcDir && isWithin(dstParent, src)) return -Errno.EINVAL;
  if (dst !== null) {
    if (isBusy(dst)) return -Errno.EBUSY;
    const dstDir = dst.inode.isDirectory();
    if (srcDir && !dstDir) return -Errno.ENOTDIR;
    if (!srcDir && dstDir) return -Errno.EISDIR;
    if (dstDir && dst.children.length > 0) return -Errno.ENOTEMPTY;
    detach(dst);
  }
  const oldParent = src.parent!;
  oldParent.removeChild(src);
  dispose(src.name); // the entry's own name (a literal is left alone)
  src.name = takeName(b);
  src.parent = dstParent;
  dstParent.children.push(src);
  if (srcDir && oldParent !== dstParent) {
    oldParent.inode.nlink--;
    dstParent.inode.nlink++;
  }
  const now = currentTime();
  oldParent.inode.mtime = now;
  dstParent.inode.mtime = now;
  src.inode.ctime = now;
  return 0;
}

/** The outcome of openPath: a file, or an error. */
export class OpenResult {
  constructor(readonly file: File | null, readonly error: i32) {}
}

/**
 * open(2) on a path: creates with O_CREAT (permissions `mode & ~umask`), honours O_EXCL,
 * O_TRUNC, O_DIRECTORY, O_NOFOLLOW and the access mode; a symbolic link in the last component
 * is followed (a dangling one creates its target with O_CREAT), except with O_NOFOLLOW
 * (-ELOOP) or O_CREAT|O_EXCL (-EEXIST). Errors: -ENOENT, -EEXIST, -ENOTDIR, -EISDIR,
 * -ENAMETOOLONG, -ENOSPC, -EINVAL, -ELOOP, -EROFS.
 */
export function openPath(start: Dentry, path: string, flags: u32, mode: u32, umask: u32): OpenResult {
  const exclusive = (flags & O_CREAT) !== 0 && (flags & O_EXCL) !== 0;
  const r = walkPath(start, path, (flags & O_NOFOLLOW) === 0 && !exclusive, 0);
  const res = openAt(r, flags, mode, umask, exclusive);
  releaseLookup(r);
  return res;
}

function openAt(r: Lookup, flags: u32, mode: u32, umask: u32, exclusive: boolean): OpenResult {
  if (r.error !== 0) return new OpenResult(null, r.error);
  let d = r.dentry;
  const acc = flags & O_ACCMODE;
  if (acc === 3) return new OpenResult(null, -Errno.EINVAL);
  if (d === null) {
    if ((flags & O_CREAT) === 0) return new OpenResult(null, -Errno.ENOENT);
    if (r.trailingSlash) return new OpenResult(null, -Errno.EISDIR);
    if (r.parent!.inode.sb.readOnly) return new OpenResult(null, -Errno.EROFS);
    d = createFile(r.parent!, takeName(r), mode & ~umask);
    if (d === null) return new OpenResult(null, -Errno.ENOSPC);
  } else {
    if (exclusive) return new OpenResult(null, -Errno.EEXIST);
    if (d.inode.isSymlink()) return new OpenResult(null, -Errno.ELOOP); // O_NOFOLLOW
    const dir = d.inode.isDirectory();
    if (r.trailingSlash && !dir) return new OpenResult(null, -Errno.ENOTDIR);
    if (dir && (acc !== O_RDONLY || (flags & O_CREAT) !== 0)) return new OpenResult(null, -Errno.EISDIR);
    if (d.inode.sb.readOnly && d.inode.isRegular() && (acc !== O_RDONLY || (flags & O_TRUNC) !== 0)) return new OpenResult(null, -Errno.EROFS);
  }
  const inode = d.inode;
  if ((flags & O_DIRECTORY) !== 0 && !inode.isDirectory()) return new OpenResult(null, -Errno.ENOTDIR);
  if ((flags & O_TRUNC) !== 0 && acc !== O_RDONLY && inode.isRegular()) {
    const t = inode.truncate(0);
    if (t !== 0) return new OpenResult(null, t);
  }
  const keep = O_ACCMODE | O_APPEND | O_NONBLOCK | O_LARGEFILE | O_DIRECTORY;
  return new OpenResult(new File(inode, d, flags & keep, inode.ops), 0);
}

/**
 * Reads up to `n` bytes at offset `pos` (pread: the file position is not used or moved); bytes
 * read or -errno. `nowait` asks for -EAGAIN rather than sleeping (so does O_NONBLOCK).
 */
export function fileReadAt(f: File, buf: u32, n: u32, pos: u32, nowait: boolean): i32 {
  if (!f.readable) return -Errno.EBADF;
  const r = f.ops.read(f, buf, n, pos, nowait || (f.flags & O_NONBLOCK) !== 0);
  if (r > 0) f.inode.atime = currentTime();
  return r;
}

/** Writes up to `n` bytes at offset `pos` (pwrite: the file position is not used or moved); bytes written or -errno. */
export function fileWriteAt(f: File, buf: u32, n: u32, pos: u32, nowait: boolean): i32 {
  if (!f.writable) return -Errno.EBADF;
  const r = f.ops.write(f, buf, n, pos, nowait || (f.flags & O_NONBLOCK) !== 0);
  if (r > 0 && f.inode.isRegular()) {
    const now = currentTime();
    f.inode.mtime = now;
    f.inode.ctime = now;
  }
  return r;
}

/** Where a write lands: the end of a regular file when it appends (O_APPEND, RWF_APPEND), else `pos`. */
export function writePosition(f: File, pos: u32, append: boolean): u32 {
  return append && f.inode.isRegular() ? f.inode.size : pos;
}

/** Moves the file position past `n` bytes transferred at `pos` (for files whose transfers move it). */
export function advancePosition(f: File, pos: u32, n: i32): void {
  if (n > 0 && f.ops.positioned()) f.pos = pos + u32(n);
}

/** Reads from an open file at its position, moving it; bytes read or -errno. */
export function fileRead(f: File, buf: u32, n: u32): i32 {
  const pos = f.pos;
  const r = fileReadAt(f, buf, n, pos, false);
  advancePosition(f, pos, r);
  return r;
}

/** Writes to an open file at its position (at the end with O_APPEND), moving it; bytes written or -errno. */
export function fileWrite(f: File, buf: u32, n: u32): i32 {
  const pos = writePosition(f, f.pos, (f.flags & O_APPEND) !== 0);
  const r = fileWriteAt(f, buf, n, pos, false);
  advancePosition(f, pos, r);
  return r;
}

export const SEEK_SET: u32 = 0;
export const SEEK_CUR: u32 = 1;
export const SEEK_END: u32 = 2;

/** Moves the file position; the new position, or -EINVAL, -ESPIPE, -EOVERFLOW. */
export function fileSeek(f: File, offset: i64, whence: u32): i64 {
  if (!f.ops.seekable()) return -i64(Errno.ESPIPE);
  let base: i64 = 0n;
  if (whence === SEEK_CUR) base = i64(f.pos);
  else if (whence === SEEK_END) base = i64(f.inode.size);
  else if (whence !== SEEK_SET) return -i64(Errno.EINVAL);
  const target = base + offset;
  if (target < 0n) return -i64(Errno.EINVAL);
  if (target > i64(MAX_FILE_BYTES)) return -i64(Errno.EOVERFLOW);
  f.pos = u32(Number(target));
  return target;
}

// Directory entry types (include/linux/fs_types.h, DT_*).
const DT_CHR: u8 = 2;
const DT_DIR: u8 = 4;
const DT_REG: u8 = 8;
const DT_LNK: u8 = 10;
const DT_FIFO: u8 = 1;
const DT_UNKNOWN: u8 = 0;

function direntType(mode: u32): u8 {
  const t = mode & S_IFMT;
  if (t === S_IFDIR) return DT_DIR;
  if (t === S_IFREG) return DT_REG;
  if (t === S_IFLNK) return DT_LNK;
  if (t === S_IFCHR) return DT_CHR;
  if (t === S_IFIFO) return DT_FIFO;
  return DT_UNKNOWN;
}

/** The listing step readDirectory asks the directory's inode for (one call at a time). */
const dirSlot = new DirSlot();

/** Size of a struct linux_dirent64 for a name of `len` bytes (8-byte aligned). */
export function direntSize(len: i32): u32 {
  return (u32(19 + len + 1) + 7) & ~7;
}

function putDirent(buf: u32, ino: u32, next: u32, type: u8, name: string): u32 {
  const size = direntSize(name.length);
  memset(buf, 0, size);
  store64(buf, u64(ino));          // d_ino
  store64(buf + 8, u64(next));     // d_off: the position after this entry
  store16(buf + 16, u16(size));    // d_reclen
  store8(buf + 18, type);          // d_type
  for (let i = 0; i < name.length; i++) store8(buf + 19 + u32(i), u8(name.charCodeAt(i)));
  return size;
}

/**
 * getdents64 into a kernel buffer of `count` bytes: `.`, `..`, then the entries the directory's
 * inode lists (Inode.entryAt), from the file position (a directory position). Bytes written, 0
 * at the end, or -ENOTDIR, -ENOENT (the directory was removed), -EINVAL (the buffer cannot hold
 * the next entry).
 */
export function readDirectory(f: File, buf: u32, count: u32): i32 {
  const d = f.dentry;
  if (d === null || !f.inode.isDirectory()) return -Errno.ENOTDIR;
  if (!d.linked || !d.inode.alive()) return -Errno.ENOENT; // a removed directory, as Linux's IS_DEADDIR
  let used: u32 = 0;
  for (;;) {
    const idx = f.pos;
    let name = "";
    let ino: u32 = 0;
    let type: u8 = DT_DIR;
    let next = idx + 1;
    if (idx === 0) { name = "."; ino = d.inode.ino; }
    else if (idx === 1) { name = ".."; ino = parentOf(d).inode.ino; }
    else {
      if (!d.inode.entryAt(d, idx, dirSlot)) break;
      const entry = dirSlot.dentry!;
      const c = mountedTop(entry);
      name = entry.name;
      ino = c.inode.ino;
      type = direntType(c.inode.mode);
      next = dirSlot.next;
    }
    const size = direntSize(name.length);
    if (used + size > count) {
      if (used === 0) return -Errno.EINVAL;
      break;
    }
    used += putDirent(buf + used, ino, next, type, name);
    f.pos = next;
  }
  return i32(used);
}

/** Size of the i386 struct stat64. */
export const STAT64_BYTES: u32 = 96;

/** Stores a timestamp as the (seconds, nanoseconds) pair of struct stat64 (32-bit seconds). */
function storeTime(at: u32, ns: u64): void {
  store32(at, u32(Number((ns / 1000000000n) & 0xffffffffn)));
  store32(at + 4, u32(Number(ns % 1000000000n)));
}

/** Fills a struct stat64 (arch/x86/include/uapi/asm/stat.h, 96 bytes) at kernel address `buf`. */
export function fillStat64(inode: Inode, buf: u32): void {
  memset(buf, 0, STAT64_BYTES);
  store64(buf + 0, u64(inode.sb.dev));   // st_dev
  store32(buf + 12, inode.ino);          // __st_ino
  store32(buf + 16, inode.mode);         // st_mode
  store32(buf + 20, inode.nlink);        // st_nlink
  store32(buf + 24, inode.uid);          // st_uid
  store32(buf + 28, inode.gid);          // st_gid
  store64(buf + 32, u64(inode.rdev));    // st_rdev
  store64(buf + 44, u64(inode.size));    // st_size
  store32(buf + 52, 4096);               // st_blksize
  store64(buf + 56, u64((inode.size + 511) >>> 9)); // st_blocks (512-byte units)
  storeTime(buf + 64, inode.atime);      // st_atime, st_atime_nsec
  storeTime(buf + 72, inode.mtime);      // st_mtime, st_mtime_nsec
  storeTime(buf + 80, inode.ctime);      // st_ctime, st_ctime_nsec
  store64(buf + 88, u64(inode.ino));     // st_ino
}

/** The absolute path of a directory, or null when it has been removed. */
export function pathOf(d: Dentry): string | null {
  let x = d;
  let path = "";
  for (;;) {
    while (x.covers !== null) x = x.covers!;
    if (!x.linked || !x.inode.alive()) return null;
    const p = x.parent;
    if (p === null) break;
    path = "/" + x.name + path;
    x = p;
  }
  return path === "" ? "/" : path;
}

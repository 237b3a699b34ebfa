/**
 * Files and directories: struct stat64 exactly as the i386 kernel writes it, the stat family,
 * file-type tests, and directory listing through getdents64.
 */
import { Nr, open, close, O_RDONLY, O_DIRECTORY, O_CLOEXEC } from "./sys";
import { cString, stringFromC, bytesToString } from "./cstring";

/** File-type bits of st_mode. */
export const S_IFMT: u32 = 0o170000;
export const S_IFSOCK: u32 = 0o140000;
export const S_IFLNK: u32 = 0o120000;
export const S_IFREG: u32 = 0o100000;
export const S_IFBLK: u32 = 0o060000;
export const S_IFDIR: u32 = 0o040000;
export const S_IFCHR: u32 = 0o020000;
export const S_IFIFO: u32 = 0o010000;

/** struct stat64 of Linux i386 (arch/x86/include/uapi/asm/stat.h): 96 bytes, 64-bit fields 4-aligned. */
/** @packed @size 96 */
export class Stat64 {
  /** @offset 0 */ dev: u64 = 0n;
  /** @offset 8 */ pad0: u32 = 0;
  /** @offset 12 */ ino32: u32 = 0;
  /** @offset 16 */ mode: u32 = 0;
  /** @offset 20 */ nlink: u32 = 0;
  /** @offset 24 */ uid: u32 = 0;
  /** @offset 28 */ gid: u32 = 0;
  /** @offset 32 */ rdev: u64 = 0n;
  /** @offset 40 */ pad3: u32 = 0;
  /** @offset 44 */ size: i64 = 0n;
  /** @offset 52 */ blksize: u32 = 0;
  /** @offset 56 */ blocks: u64 = 0n;
  /** @offset 64 */ atime: u32 = 0;
  /** @offset 68 */ atimeNsec: u32 = 0;
  /** @offset 72 */ mtime: u32 = 0;
  /** @offset 76 */ mtimeNsec: u32 = 0;
  /** @offset 80 */ ctime: u32 = 0;
  /** @offset 84 */ ctimeNsec: u32 = 0;
  /** @offset 88 */ ino: u64 = 0n;
}

/** Fills `st` with the status of `path`, following symbolic links. */
export function stat(path: string, st: Stat64): i32 {
  return syscall(Nr.stat64, cString(path), addressOf(st), 0, 0, 0, 0);
}

/** Fills `st` with the status of `path` itself (a symbolic link is not followed). */
export function lstat(path: string, st: Stat64): i32 {
  return syscall(Nr.lstat64, cString(path), addressOf(st), 0, 0, 0, 0);
}

/** Fills `st` with the status of an open descriptor. */
export function fstat(fd: i32, st: Stat64): i32 {
  return syscall(Nr.fstat64, u32(fd), addressOf(st), 0, 0, 0, 0);
}

/** Whether a mode is a directory. */
export function isDir(mode: u32): boolean {
  return (mode & S_IFMT) === S_IFDIR;
}

/** Whether a mode is a regular file. */
export function isRegular(mode: u32): boolean {
  return (mode & S_IFMT) === S_IFREG;
}

/** Whether `path` names a directory (following links). */
export function pathIsDir(path: string): boolean {
  const st = new Stat64();
  return stat(path, st) === 0 && isDir(st.mode);
}

/** `ls -l`'s ten-character mode string, e.g. `drwxr-xr-x`. */
export function modeString(mode: u32): string {
  const t = mode & S_IFMT;
  let s = t === S_IFDIR ? "d" : t === S_IFLNK ? "l" : t === S_IFCHR ? "c" : t === S_IFBLK ? "b" : t === S_IFIFO ? "p" : t === S_IFSOCK ? "s" : "-";
  const rwx = "rwx";
  for (let i = 0; i < 9; i++) {
    const set = (mode & (1 << (8 - i))) !== 0;
    // The execute slots also show set-user-ID, set-group-ID and sticky (s/S, s/S, t/T).
    const special = i === 2 ? 0o4000 : i === 5 ? 0o2000 : i === 8 ? 0o1000 : 0;
    if (special !== 0 && (mode & special) !== 0) s += i === 8 ? (set ? "t" : "T") : (set ? "s" : "S");
    else s += set ? rwx[i % 3] : "-";
  }
  return s;
}

/** One directory entry: its name, inode number and d_type (DT_DIR = 4, DT_REG = 8, DT_LNK = 10). */
export class DirEntry {
  constructor(readonly name: string, readonly ino: u64, readonly type: u8) {}
}

/** The entries of a directory (including `.` and `..`), or the error that prevented reading it. */
export class DirListing {
  constructor(readonly entries: DirEntry[], readonly err: i32) {}
}

/** Reads the directory at `path` with getdents64 (struct linux_dirent64: ino u64, off i64, reclen u16, type u8, name). */
export function readDir(path: string): DirListing {
  const entries: DirEntry[] = [];
  const fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0) return new DirListing(entries, fd);
  const buf = new Array<u8>(8192).fill(0);
  const at = addressOf(buf);
  for (;;) {
    const n = syscall(Nr.getdents64, u32(fd), at, u32(buf.length), 0, 0, 0);
    if (n < 0) { close(fd); return new DirListing(entries, n); }
    if (n === 0) break;
    let off = 0;
    while (off < n) {
      const rec = at + u32(off);
      const reclen = load16(rec + 16);
      if (reclen === 0) break;
      entries.push(new DirEntry(stringFromC(rec + 19), load64(rec), load8(rec + 18)));
      off += reclen;
    }
  }
  close(fd);
  return new DirListing(entries, 0);
}

/** The last component of a path (`a/b/` → `b`). */
export function baseName(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  let start = end;
  while (start > 0 && path[start - 1] !== "/") start--;
  return start === end ? path.slice(0, end) : path.slice(start, end);
}

/** `dir/name`, without doubling a slash. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}

/** Sorts strings in place by bytes (the C locale's order). */
export function sortStrings(xs: string[]): void {
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    let j = i - 1;
    while (j >= 0 && xs[j] > x) { xs[j + 1] = xs[j]; j--; }
    xs[j + 1] = x;
  }
}

/** The working directory, or null if it cannot be determined. */
export function getcwd(): string | null {
  const buf = new Array<u8>(4096).fill(0);
  const r = syscall(Nr.getcwd, addressOf(buf), 4096, 0, 0, 0, 0);
  return r < 0 ? null : stringFromC(addressOf(buf));
}

/** The target of a symbolic link, or null on error. */
export function readlink(path: string): string | null {
  const buf = new Array<u8>(4096).fill(0);
  const n = syscall(Nr.readlink, cString(path), addressOf(buf), 4096, 0, 0, 0);
  return n < 0 ? null : bytesToString(buf, 0, n);
}

/**
 * File system calls with Linux i386 numbers and semantics: descriptors (open/close/dup/fcntl/
 * pipe), positions and control (lseek/_llseek/ioctl), names (mkdir/rmdir/unlink/rename/chdir/
 * getcwd) and metadata (stat64 family, readlink, getdents64, umask). Every user pointer goes
 * through uaccess (-EFAULT). The data transfers (read, write and their vector and positional
 * forms) are in rw_calls.ts.
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser, userRangeOk } from "./uaccess";
import { currentTask } from "../proc/sched";
import { PAGE_BYTES } from "../arch/x86/paging";
import {
  Dentry, File, O_CLOEXEC, O_CREAT, O_NONBLOCK, O_APPEND, O_TRUNC, O_WRONLY, STAT64_BYTES,
  fileGet, filePut, fileSeek, fillStat64, makeDirectory, openPath, pathOf,
  readDirectory, removeDirectory, renamePath, releaseLookup, resolve, resolveNoFollow, unlinkPath,
} from "../fs/vfs";
import { FdTable, MAX_FDS, cwdOf, fdTableOf, setCwd, setUmask, umaskOf } from "../fs/fdtable";
import { createPipe } from "../fs/pipe";
import { FIONREAD, TCGETS, TCSETS, TCSETSF, TCSETSW, TERMIOS_BYTES, TIOCGPGRP, TIOCGWINSZ, TIOCSPGRP, TIOCSWINSZ, WINSIZE_BYTES } from "../fs/devfs";
import { PATH_MAX } from "../fs/path";
import { holdFileForCall, holdForCall } from "./held";
import { fail, failure } from "./failure";

/** Linux i386 numbers of the calls registered here. */
export const enum FsSys {
  open = 5, close = 6, creat = 8, unlink = 10, chdir = 12, lseek = 19, access = 33,
  rename = 38, mkdir = 39, rmdir = 40, dup = 41, pipe = 42, ioctl = 54, umask = 60, dup2 = 63,
  readlink = 85, fchdir = 133, llseek = 140, getcwd = 183, stat64 = 195,
  lstat64 = 196, fstat64 = 197, getdents64 = 220, fcntl64 = 221, openat = 295, readlinkat = 305, dup3 = 330,
  pipe2 = 331,
}

/** openat's "relative to the working directory". */
const AT_FDCWD: i32 = -100;
// fcntl commands.
const F_DUPFD: u32 = 0;
const F_GETFD: u32 = 1;
const F_SETFD: u32 = 2;
const F_GETFL: u32 = 3;
const F_SETFL: u32 = 4;
const F_DUPFD_CLOEXEC: u32 = 1030;
const FD_CLOEXEC: u32 = 1;

/** Scratch for calls that never sleep (stat, getdents, path and small-argument copies). */
const SCRATCH_BYTES: u32 = 4096;
const scratch = scratchRegion(SCRATCH_BYTES);

function table(): FdTable | null {
  return fdTableOf(currentTask());
}

/**
 * The open file on descriptor `fd` of the current process, or null. When the table is shared
 * (threads), another thread could close the descriptor while this call sleeps, so the call
 * takes a reference of its own, dropped when it returns (Linux's fdget).
 */
export function fileOf(fd: u32): File | null {
  const t = table();
  if (t === null) return null;
  const f = t.get(i32(fd));
  if (f !== null && t.users > 1) holdFileForCall(f);
  return f;
}

/**
 * Reads a user path (page by page, so a string that ends before an unmapped page is fine). The
 * string lives until the system call returns (holdForCall); null on error (failure(): -EFAULT,
 * -ENAMETOOLONG).
 */
export function pathFromUser(addr: u32): string | null {
  // The bytes gather in `scratch` (PATH_MAX bytes; nothing here sleeps), then become one string.
  let len: u32 = 0;
  for (;;) {
    const room: u32 = PATH_MAX - len;
    const page = PAGE_BYTES - ((addr + len) & (PAGE_BYTES - 1));
    const chunk = page < room ? page : room;
    if (chunk === 0) return fail(-Errno.ENAMETOOLONG);
    const r = copyFromUser(scratch + len, addr + len, chunk);
    if (r !== 0) return fail(r);
    for (let i: u32 = 0; i < chunk; i++) {
      if (load8(scratch + len + i) === 0) return holdForCall(stringFromMemory(scratch, i32(len + i)));
    }
    len += chunk;
  }
}

/**
 * The directory a *at call's relative path starts from: the cwd (AT_FDCWD) or the directory open
 * on `dirfd`; null on error (failure(): -EBADF, -ENOTDIR).
 */
export function startDir(dirfd: i32): Dentry | null {
  if (dirfd === AT_FDCWD) return cwdOf(currentTask());
  const f = fileOf(u32(dirfd));
  if (f === null) return fail(-Errno.EBADF);
  const d = f.dentry;
  if (d === null || !f.inode.isDirectory()) return fail(-Errno.ENOTDIR);
  return d;
}

/** The current process's working directory. */
export function cwd(): Dentry {
  return cwdOf(currentTask());
}

// --- positions and control ----------------------------------------------------------

function sysLseek(fd: u32, offset: u32, whence: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  const r = fileSeek(f, i64(i32(offset)), whence);
  return i32(Number(r));
}

function sysLlseek(fd: u32, high: u32, low: u32, result: u32, whence: u32, _f: u32): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  if (!userRangeOk(result, 8)) return -Errno.EFAULT;
  const offset = i64(i32(high)) * 4294967296n + i64(low);
  const pos = f.pos;
  const r = fileSeek(f, offset, whence);
  if (r < 0n) return i32(Number(r));
  store64(scratch, u64(r));
  if (copyToUser(result, scratch, 8) !== 0) { f.pos = pos; return -Errno.EFAULT; }
  return 0;
}

/** Argument bytes of the terminal ioctls: > 0 copied in, < 0 copied out, 0 unknown. */
function ioctlArgument(cmd: u32): i32 {
  if (cmd === TCGETS) return -i32(TERMIOS_BYTES);
  if (cmd === TCSETS || cmd === TCSETSW || cmd === TCSETSF) return i32(TERMIOS_BYTES);
  if (cmd === TIOCGWINSZ) return -i32(WINSIZE_BYTES);
  if (cmd === TIOCSWINSZ) return i32(WINSIZE_BYTES);
  if (cmd === TIOCGPGRP || cmd === FIONREAD) return -4;
  if (cmd === TIOCSPGRP) return 4;
  return 0;
}

function sysIoctl(fd: u32, cmd: u32, arg: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  const size = ioctlArgument(cmd);
  if (size === 0) return -Errno.ENOTTY;
  const buf = scratch;
  memset(buf, 0, 64);
  if (size > 0 && copyFromUser(buf, arg, u32(size)) !== 0) return -Errno.EFAULT;
  const r = f.ops.ioctl(f, cmd, buf);
  if (r !== 0) return r;
  if (size < 0 && copyToUser(arg, buf, u32(-size)) !== 0) return -Errno.EFAULT;
  return 0;
}

// --- descriptors --------------------------------------------------------------------------

function doOpen(dirfd: i32, pathAddr: u32, flags: u32, mode: u32): i32 {
  const t = table();
  if (t === null) return -Errno.EBADF;
  const p = pathFromUser(pathAddr);
  if (p === null) return failure();
  const dir = p.startsWith("/") ? cwd() : startDir(dirfd);
  if (dir === null) return failure();
  if (t.count() >= MAX_FDS) return -Errno.EMFILE;
  const r = openPath(dir, p, flags, mode, umaskOf(currentTask()));
  const f = r.file, err = r.error;
  dispose(r);
  if (f === null) return err;
  const fd = t.install(f, 0, (flags & O_CLOEXEC) !== 0);
  if (fd < 0) filePut(f);
  return fd;
}

function sysOpen(path: u32, flags: u32, mode: u32, _d: u32, _e: u32, _f: u32): i32 {
  return doOpen(AT_FDCWD, path, flags, mode);
}

function sysOpenat(dirfd: u32, path: u32, flags: u32, mode: u32, _e: u32, _f: u32): i32 {
  return doOpen(i32(dirfd), path, flags, mode);
}

function sysCreat(path: u32, mode: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return doOpen(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

function sysClose(fd: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = table();
  return t === null ? -Errno.EBADF : t.close(i32(fd));
}

/** Duplicates `fd` onto the lowest free descriptor ≥ `from`. */
function dupFrom(fd: u32, from: i32, cloexec: boolean): i32 {
  const t = table();
  const f = fileOf(fd);
  if (t === null || f === null) return -Errno.EBADF;
  if (from >= MAX_FDS) return -Errno.EINVAL;
  const r = t.install(fileGet(f), from, cloexec);
  if (r < 0) filePut(f);
  return r;
}

function sysDup(fd: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return dupFrom(fd, 0, false);
}

/** dup2/dup3: `newfd` becomes a copy of `oldfd`, closing what it held. */
function dupTo(oldfd: u32, newfd: u32, cloexec: boolean): i32 {
  const t = table();
  const f = fileOf(oldfd);
  if (t === null || f === null) return -Errno.EBADF;
  if (newfd >= u32(MAX_FDS)) return -Errno.EBADF;
  if (oldfd === newfd) return i32(newfd);
  t.installAt(i32(newfd), fileGet(f), cloexec);
  return i32(newfd);
}

function sysDup2(oldfd: u32, newfd: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return dupTo(oldfd, newfd, false);
}

function sysDup3(oldfd: u32, newfd: u32, flags: u32, _d: u32, _e: u32, _f: u32): i32 {
  if ((flags & ~O_CLOEXEC) !== 0 || oldfd === newfd) return -Errno.EINVAL;
  return dupTo(oldfd, newfd, flags !== 0);
}

function sysFcntl64(fd: u32, cmd: u32, arg: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = table();
  const f = fileOf(fd);
  if (t === null || f === null) return -Errno.EBADF;
  const n = i32(fd);
  if (cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC) {
    if (arg >= u32(MAX_FDS)) return -Errno.EINVAL;
    return dupFrom(fd, i32(arg), cmd === F_DUPFD_CLOEXEC);
  }
  if (cmd === F_GETFD) return t.cloexec[n] ? i32(FD_CLOEXEC) : 0;
  if (cmd === F_SETFD) { t.cloexec[n] = (arg & FD_CLOEXEC) !== 0; return 0; }
  if (cmd === F_GETFL) return i32(f.flags);
  if (cmd === F_SETFL) {
    const changeable = O_APPEND | O_NONBLOCK;
    f.flags = ((f.flags & ~changeable) | (arg & changeable)) >>> 0;
    return 0;
  }
  return -Errno.EINVAL;
}

function makePipe(fds: u32, flags: u32): i32 {
  const t = table();
  if (t === null) return -Errno.EBADF;
  if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) !== 0) return -Errno.EINVAL;
  if (!userRangeOk(fds, 8)) return -Errno.EFAULT;
  if (t.count() + 2 > MAX_FDS) return -Errno.EMFILE;
  const ends = createPipe(flags & O_NONBLOCK);
  if (ends === null) return -Errno.ENFILE;
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const r = t.install(ends.reader, 0, cloexec);
  const w = t.install(ends.writer, 0, cloexec);
  dispose(ends);
  store32(scratch, u32(r));
  store32(scratch + 4, u32(w));
  if (copyToUser(fds, scratch, 8) !== 0) {
    t.close(r);
    t.close(w);
    return -Errno.EFAULT;
  }
  return 0;
}

function sysPipe(fds: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return makePipe(fds, 0);
}

function sysPipe2(fds: u32, flags: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return makePipe(fds, flags);
}

// --- names --------------------------------------------------------------------------------

function sysMkdir(path: u32, mode: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = pathFromUser(path);
  if (p === null) return failure();
  return makeDirectory(cwd(), p, mode & ~umaskOf(currentTask()) & 0o7777);
}

function sysRmdir(path: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = pathFromUser(path);
  if (p === null) return failure();
  return removeDirectory(cwd(), p);
}

function sysUnlink(path: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = pathFromUser(path);
  if (p === null) return failure();
  return unlinkPath(cwd(), p);
}

function sysRename(from: u32, to: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const a = pathFromUser(from);
  if (a === null) return failure();
  const b = pathFromUser(to);
  if (b === null) return failure();
  return renamePath(cwd(), a, b);
}

function sysChdir(path: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = pathFromUser(path);
  if (p === null) return failure();
  const r = resolve(cwd(), p);
  const err = r.error, found = r.dentry;
  releaseLookup(r);
  if (err !== 0) return err;
  const d = found!;
  if (!d.inode.isDirectory()) return -Errno.ENOTDIR;
  setCwd(currentTask(), d);
  return 0;
}

function sysFchdir(fd: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  const d = f.dentry;
  if (d === null || !f.inode.isDirectory()) return -Errno.ENOTDIR;
  setCwd(currentTask(), d);
  return 0;
}

function sysGetcwd(buf: u32, size: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const path = pathOf(cwd());
  if (path === null) return -Errno.ENOENT;
  const len = u32(path.length) + 1;
  if (len > SCRATCH_BYTES) return -Errno.ENAMETOOLONG; // Linux: a path beyond a page
  if (size < len) return -Errno.ERANGE;
  for (let i = 0; i < path.length; i++) store8(scratch + u32(i), path.charCodeAt(i));
  store8(scratch + u32(path.length), 0);
  if (copyToUser(buf, scratch, len) !== 0) return -Errno.EFAULT;
  return i32(len);
}

function sysUmask(mask: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return i32(setUmask(currentTask(), mask));
}

function sysAccess(path: u32, mode: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = pathFromUser(path);
  if (p === null) return failure();
  if ((mode & ~7) !== 0) return -Errno.EINVAL;
  const r = resolve(cwd(), p);
  const err = r.error, d = r.dentry;
  releaseLookup(r);
  if (err !== 0) return err;
  // Everyone is root: read and write are always allowed; execute needs an x bit (or a directory).
  const inode = d!.inode;
  if ((mode & 1) !== 0 && !inode.isDirectory() && (inode.mode & 0o111) === 0) return -Errno.EACCES;
  return 0;
}

/** readlink/readlinkat: the link's target, not NUL-terminated, cut to `size`; -EINVAL for other files. */
function readLinkAt(dirfd: i32, path: u32, buf: u32, size: u32): i32 {
  if (i32(size) <= 0) return -Errno.EINVAL;
  const p = pathFromUser(path);
  if (p === null) return failure();
  const dir = p.startsWith("/") ? cwd() : startDir(dirfd);
  if (dir === null) return failure();
  const r = resolveNoFollow(dir, p);
  const err = r.error, d = r.dentry;
  releaseLookup(r);
  if (err !== 0) return err;
  const target = d!.inode.readLink();
  if (target === null) return -Errno.EINVAL;
  const n = u32(target.length) < size ? u32(target.length) : size;
  if (n > PAGE_BYTES) return -Errno.ENAMETOOLONG;
  for (let i: u32 = 0; i < n; i++) store8(scratch + i, target.charCodeAt(i32(i)));
  if (copyToUser(buf, scratch, n) !== 0) return -Errno.EFAULT;
  return i32(n);
}

function sysReadlink(path: u32, buf: u32, size: u32, _d: u32, _e: u32, _f: u32): i32 {
  return readLinkAt(AT_FDCWD, path, buf, size);
}

function sysReadlinkat(dirfd: u32, path: u32, buf: u32, size: u32, _e: u32, _f: u32): i32 {
  return readLinkAt(i32(dirfd), path, buf, size);
}

// --- metadata -----------------------------------------------------------------------------

function statTo(buf: u32, f: File | null, pathAddr: u32, follow: boolean): i32 {
  if (!userRangeOk(buf, STAT64_BYTES)) return -Errno.EFAULT;
  let inode = f === null ? null : f.inode;
  if (f === null) {
    const p = pathFromUser(pathAddr);
    if (p === null) return failure();
    const r = follow ? resolve(cwd(), p) : resolveNoFollow(cwd(), p);
    const err = r.error, d = r.dentry;
    releaseLookup(r);
    if (err !== 0) return err;
    inode = d!.inode;
  }
  fillStat64(inode!, scratch);
  return copyToUser(buf, scratch, STAT64_BYTES);
}

function sysStat64(path: u32, buf: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return statTo(buf, null, path, true);
}

function sysLstat64(path: u32, buf: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return statTo(buf, null, path, false);
}

function sysFstat64(fd: u32, buf: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  return statTo(buf, f, 0, true);
}

function sysGetdents64(fd: u32, dirp: u32, count: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  if (!f.inode.isDirectory()) return -Errno.ENOTDIR;
  if (!userRangeOk(dirp, count)) return -Errno.EFAULT;
  const n = count < SCRATCH_BYTES ? count : SCRATCH_BYTES;
  const pos = f.pos;
  const r = readDirectory(f, scratch, n);
  if (r <= 0) return r;
  if (copyToUser(dirp, scratch, u32(r)) !== 0) { f.pos = pos; return -Errno.EFAULT; }
  return r;
}

/** Registers the file system calls (replacing the console-only write). */
export function fsCallsInit(): void {
  registerSyscall(FsSys.open, sysOpen);
  registerSyscall(FsSys.close, sysClose);
  registerSyscall(FsSys.creat, sysCreat);
  registerSyscall(FsSys.unlink, sysUnlink);
  registerSyscall(FsSys.chdir, sysChdir);
  registerSyscall(FsSys.lseek, sysLseek);
  registerSyscall(FsSys.access, sysAccess);
  registerSyscall(FsSys.rename, sysRename);
  registerSyscall(FsSys.mkdir, sysMkdir);
  registerSyscall(FsSys.rmdir, sysRmdir);
  registerSyscall(FsSys.dup, sysDup);
  registerSyscall(FsSys.pipe, sysPipe);
  registerSyscall(FsSys.ioctl, sysIoctl);
  registerSyscall(FsSys.umask, sysUmask);
  registerSyscall(FsSys.dup2, sysDup2);
  registerSyscall(FsSys.readlink, sysReadlink);
  registerSyscall(FsSys.fchdir, sysFchdir);
  registerSyscall(FsSys.llseek, sysLlseek);
  registerSyscall(FsSys.getcwd, sysGetcwd);
  registerSyscall(FsSys.stat64, sysStat64);
  registerSyscall(FsSys.lstat64, sysLstat64);
  registerSyscall(FsSys.fstat64, sysFstat64);
  registerSyscall(FsSys.getdents64, sysGetdents64);
  registerSyscall(FsSys.fcntl64, sysFcntl64);
  registerSyscall(FsSys.openat, sysOpenat);
  registerSyscall(FsSys.readlinkat, sysReadlinkat);
  registerSyscall(FsSys.dup3, sysDup3);
  registerSyscall(FsSys.pipe2, sysPipe2);
}

/**
 * More file system calls with Linux i386 numbers and semantics: links (symlink, symlinkat,
 * link, linkat), the *at family over directory descriptors (fstatat64, faccessat, unlinkat,
 * mkdirat, renameat, renameat2, fchmodat, fchownat), permissions and owners (chmod, fchmod,
 * chown32, fchown32, lchown32), times (utimensat, utime), sizes (truncate64, ftruncate64),
 * sendfile/sendfile64, and fsync/fdatasync (data lives in memory, so there is nothing to flush).
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser, userRangeOk } from "./uaccess";
import { cwd, fileOf, pathFromUser, startDir } from "./fs_calls";
import { fail, failure } from "./failure";
import { holdForCall } from "./held";
import { currentTask } from "../proc/sched";
import {
  Inode, STAT64_BYTES, advancePosition, currentTime, fileReadAt, fileWrite, fillStat64, makeDirectory, pathOf, removeDirectory, renamePath, resolve,
  releaseLookup, resolveNoFollow, unlinkPath,
} from "../fs/vfs";
import { makeHardLink, makeSymlink } from "../fs/links";
import { allocPages, freePages, Zone } from "../mm/pmm";
import { KERNEL_BASE } from "../arch/x86/layout";
import { PAGE_BYTES } from "../arch/x86/paging";
import { umaskOf } from "../fs/fdtable";

const AT_FDCWD: i32 = -100;
const AT_SYMLINK_NOFOLLOW: u32 = 0x100;
const AT_REMOVEDIR: u32 = 0x200;
const AT_SYMLINK_FOLLOW: u32 = 0x400;
const AT_EMPTY_PATH: u32 = 0x1000;
const UTIME_NOW: u32 = 0x3fffffff;
const UTIME_OMIT: u32 = 0x3ffffffe;
/** Largest byte count one call moves (Linux's MAX_RW_COUNT). */
const MAX_RW: u32 = 0x7ffff000;

/** Scratch for stat buffers and small arguments. */
const scratch = scratchRegion(160);

/**
 * The path a *at call means, made absolute when it is relative to a directory descriptor (so
 * the cwd-based VFS calls serve it); null on error (failure(): pathFromUser's, -EBADF/-ENOTDIR
 * for a bad `dirfd`, -ENOENT for a directory no longer in the tree).
 */
function atPath(dirfd: i32, addr: u32): string | null {
  const path = pathFromUser(addr);
  if (path === null || path.startsWith("/") || dirfd === AT_FDCWD) return path;
  const dir = startDir(dirfd);
  if (dir === null) return null;
  const base = pathOf(dir);
  if (base === null) return fail(-Errno.ENOENT);
  const full = base === "/" ? `/${path}` : `${base}/${path}`;
  dispose(base);
  return holdForCall(full);
}

/** The inode a path names (following a final symbolic link unless `follow` is false); null on error (failure()). */
function inodeAt(dirfd: i32, addr: u32, follow: boolean, emptyPathOk: boolean): Inode | null {
  if (emptyPathOk) {
    if (copyFromUser(scratch, addr, 1) !== 0) return fail(-Errno.EFAULT);
    if (load8(scratch) === 0) {
      if (dirfd === AT_FDCWD) return cwd().inode;
      const f = fileOf(u32(dirfd));
      return f === null ? fail(-Errno.EBADF) : f.inode;
    }
  }
  const p = atPath(dirfd, addr);
  if (p === null) return null;
  const r = follow ? resolve(cwd(), p) : resolveNoFollow(cwd(), p);
  const err = r.error, d = r.dentry;
  releaseLookup(r);
  return err !== 0 ? fail(err) : d!.inode;
}

function symlinkAt(target: u32, dirfd: i32, path: u32): i32 {
  const t = pathFromUser(target);
  if (t === null) return failure();
  const p = atPath(dirfd, path);
  if (p === null) return failure();
  return makeSymlink(cwd(), p, t);
}

function sysSymlink(target: u32, path: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return symlinkAt(target, AT_FDCWD, path);
}

function sysSymlinkat(target: u32, dirfd: u32, path: u32, _d: u32, _e: u32, _f: u32): i32 {
  return symlinkAt(target, i32(dirfd), path);
}

function linkAt(oldDirfd: i32, oldPath: u32, newDirfd: i32, newPath: u32, flags: u32): i32 {
  if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) !== 0) return -Errno.EINVAL;
  const a = atPath(oldDirfd, oldPath);
  if (a === null) return failure();
  const b = atPath(newDirfd, newPath);
  if (b === null) return failure();
  return makeHardLink(cwd(), a, b, (flags & AT_SYMLINK_FOLLOW) !== 0);
}

function sysLink(from: u32, to: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return linkAt(AT_FDCWD, from, AT_FDCWD, to, 0);
}

function sysLinkat(oldDirfd: u32, from: u32, newDirfd: u32, to: u32, flags: u32, _f: u32): i32 {
  return linkAt(i32(oldDirfd), from, i32(newDirfd), to, flags);
}

function sysFstatat64(dirfd: u32, path: u32, statbuf: u32, flags: u32, _e: u32, _f: u32): i32 {
  if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */)) !== 0) return -Errno.EINVAL;
  if (!userRangeOk(statbuf, STAT64_BYTES)) return -Errno.EFAULT;
  const r = inodeAt(i32(dirfd), path, (flags & AT_SYMLINK_NOFOLLOW) === 0, (flags & AT_EMPTY_PATH) !== 0);
  if (r === null) return failure();
  fillStat64(r, scratch);
  return copyToUser(statbuf, scratch, STAT64_BYTES);
}

function sysFaccessat(dirfd: u32, path: u32, mode: u32, _d: u32, _e: u32, _f: u32): i32 {
  if ((mode & ~7) !== 0) return -Errno.EINVAL;
  const inode = inodeAt(i32(dirfd), path, true, false);
  if (inode === null) return failure();
  // Everyone is root: read and write are allowed; execute needs an x bit (or a directory).
  if ((mode & 1) !== 0 && !inode.isDirectory() && (inode.mode & 0o111) === 0) return -Errno.EACCES;
  return 0;
}

function sysUnlinkat(dirfd: u32, path: u32, flags: u32, _d: u32, _e: u32, _f: u32): i32 {
  if ((flags & ~AT_REMOVEDIR) !== 0) return -Errno.EINVAL;
  const p = atPath(i32(dirfd), path);
  if (p === null) return failure();
  return (flags & AT_REMOVEDIR) !== 0 ? removeDirectory(cwd(), p) : unlinkPath(cwd(), p);
}

function sysMkdirat(dirfd: u32, path: u32, mode: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = atPath(i32(dirfd), path);
  if (p === null) return failure();
  return makeDirectory(cwd(), p, mode & ~umaskOf(currentTask()) & 0o7777);
}

function renameAt(oldDirfd: i32, from: u32, newDirfd: i32, to: u32, flags: u32): i32 {
  if (flags !== 0) return -Errno.EINVAL; // RENAME_NOREPLACE/EXCHANGE/WHITEOUT are not offered
  const a = atPath(oldDirfd, from);
  if (a === null) return failure();
  const b = atPath(newDirfd, to);
  if (b === null) return failure();
  return renamePath(cwd(), a, b);
}

function sysRenameat(oldDirfd: u32, from: u32, newDirfd: u32, to: u32, _e: u32, _f: u32): i32 {
  return renameAt(i32(oldDirfd), from, i32(newDirfd), to, 0);
}

function sysRenameat2(oldDirfd: u32, from: u32, newDirfd: u32, to: u32, flags: u32, _f: u32): i32 {
  return renameAt(i32(oldDirfd), from, i32(newDirfd), to, flags);
}

/** Sets the permission bits (every process is root, so any change is allowed). */
function changeMode(inode: Inode, mode: u32): i32 {
  if (inode.sb.readOnly) return -Errno.EROFS;
  inode.mode = ((inode.mode & ~0o7777) | (mode & 0o7777)) >>> 0;
  inode.ctime = currentTime();
  return 0;
}

function sysChmod(path: u32, mode: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const inode = inodeAt(AT_FDCWD, path, true, false);
  return inode === null ? failure() : changeMode(inode, mode);
}

function sysFchmodat(dirfd: u32, path: u32, mode: u32, _d: u32, _e: u32, _f: u32): i32 {
  const inode = inodeAt(i32(dirfd), path, true, false);
  return inode === null ? failure() : changeMode(inode, mode);
}

function sysFchmod(fd: u32, mode: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  return f === null ? -Errno.EBADF : changeMode(f.inode, mode);
}

/** Sets the owner and group (-1 leaves one unchanged); every process is root, so any change is allowed. */
function changeOwner(inode: Inode, uid: u32, gid: u32): i32 {
  if (inode.sb.readOnly) return -Errno.EROFS;
  if (uid !== 0xffffffff) inode.uid = uid;
  if (gid !== 0xffffffff) inode.gid = gid;
  inode.ctime = currentTime();
  return 0;
}

function sysChown32(path: u32, uid: u32, gid: u32, _d: u32, _e: u32, _f: u32): i32 {
  const inode = inodeAt(AT_FDCWD, path, true, false);
  return inode === null ? failure() : changeOwner(inode, uid, gid);
}

function sysLchown32(path: u32, uid: u32, gid: u32, _d: u32, _e: u32, _f: u32): i32 {
  const inode = inodeAt(AT_FDCWD, path, false, false);
  return inode === null ? failure() : changeOwner(inode, uid, gid);
}

function sysFchown32(fd: u32, uid: u32, gid: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  return f === null ? -Errno.EBADF : changeOwner(f.inode, uid, gid);
}

function sysFchownat(dirfd: u32, path: u32, uid: u32, gid: u32, flags: u32, _f: u32): i32 {
  if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -Errno.EINVAL;
  const inode = inodeAt(i32(dirfd), path, (flags & AT_SYMLINK_NOFOLLOW) === 0, (flags & AT_EMPTY_PATH) !== 0);
  return inode === null ? failure() : changeOwner(inode, uid, gid);
}

/** Applies one utimensat timespec (seconds, nanoseconds) to a time field; returns the new value. */
function timeValue(sec: i64, nsec: u32, old: u64, now: u64): u64 {
  if (nsec === UTIME_NOW) return now;
  if (nsec === UTIME_OMIT) return old;
  return sec < 0n ? 0n : u64(sec) * 1000000000n + u64(nsec);
}

/**
 * utimensat (320) and utimensat_time64 (412): `times` null means now for both; a null path with
 * a descriptor changes that file. `wide`: two struct __kernel_timespec (64-bit seconds and
 * nanoseconds, of which a 32-bit kernel reads the low half) instead of two 32-bit timespecs.
 */
function utimensAt(dirfd: u32, path: u32, times: u32, flags: u32, wide: boolean): i32 {
  if ((flags & ~AT_SYMLINK_NOFOLLOW) !== 0) return -Errno.EINVAL;
  let inode: Inode | null = null;
  if (path === 0) {
    const f = fileOf(dirfd);
    if (f === null) return -Errno.EBADF;
    inode = f.inode;
  } else {
    const r = inodeAt(i32(dirfd), path, (flags & AT_SYMLINK_NOFOLLOW) === 0, false);
    if (r === null) return failure();
    inode = r;
  }
  const now = currentTime();
  // scratch + 32…: (seconds as i64, nanoseconds as u32) for atime at +32/+40, mtime at +48/+56.
  if (times === 0) {
    store64(scratch + 32, 0n); store32(scratch + 40, UTIME_NOW); store64(scratch + 48, 0n); store32(scratch + 56, UTIME_NOW);
  } else if (wide) {
    if (copyFromUser(scratch, times, 32) !== 0) return -Errno.EFAULT;
    for (let i: u32 = 0; i < 2; i++) {
      store64(scratch + 32 + i * 16, load64(scratch + i * 16));
      store32(scratch + 40 + i * 16, load32(scratch + i * 16 + 8));
    }
  } else {
    if (copyFromUser(scratch, times, 16) !== 0) return -Errno.EFAULT;
    for (let i: u32 = 0; i < 2; i++) {
      store64(scratch + 32 + i * 16, u64(i64(i32(load32(scratch + i * 8)))));
      store32(scratch + 40 + i * 16, load32(scratch + i * 8 + 4));
    }
  }
  for (let i: u32 = 0; i < 2; i++) {
    const ns = load32(scratch + 40 + i * 16);
    if (ns !== UTIME_NOW && ns !== UTIME_OMIT && ns >= 1000000000) return -Errno.EINVAL;
  }
  if (inode.sb.readOnly) return -Errno.EROFS;
  inode.atime = timeValue(i64(load64(scratch + 32)), load32(scratch + 40), inode.atime, now);
  inode.mtime = timeValue(i64(load64(scratch + 48)), load32(scratch + 56), inode.mtime, now);
  inode.ctime = now;
  return 0;
}

function sysUtimensat(dirfd: u32, path: u32, times: u32, flags: u32, _e: u32, _f: u32): i32 {
  return utimensAt(dirfd, path, times, flags, false);
}

function sysUtimensatTime64(dirfd: u32, path: u32, times: u32, flags: u32, _e: u32, _f: u32): i32 {
  return utimensAt(dirfd, path, times, flags, true);
}

/** utime (30): struct utimbuf { actime, modtime } or null for now. */
function sysUtime(path: u32, times: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const inode = inodeAt(AT_FDCWD, path, true, false);
  if (inode === null) return failure();
  const now = currentTime();
  if (times !== 0 && copyFromUser(scratch, times, 8) !== 0) return -Errno.EFAULT;
  if (inode.sb.readOnly) return -Errno.EROFS;
  inode.atime = times === 0 ? now : u64(load32(scratch)) * 1000000000n;
  inode.mtime = times === 0 ? now : u64(load32(scratch + 4)) * 1000000000n;
  inode.ctime = now;
  return 0;
}

/** Sets a regular file's size from the i386 (low, high) halves of a 64-bit length. */
function truncateTo(inode: Inode, lo: u32, hi: u32): i32 {
  if (inode.isDirectory()) return -Errno.EISDIR;
  if (!inode.isRegular()) return -Errno.EINVAL;
  if (hi >= 0x80000000) return -Errno.EINVAL; // negative
  if (hi !== 0) return -Errno.EFBIG;
  if (inode.sb.readOnly) return -Errno.EROFS;
  const r = inode.truncate(lo);
  if (r === 0) inode.mtime = inode.ctime = currentTime();
  return r;
}

function sysTruncate64(path: u32, lo: u32, hi: u32, _d: u32, _e: u32, _f: u32): i32 {
  const r = inodeAt(AT_FDCWD, path, true, false);
  return r === null ? failure() : truncateTo(r, lo, hi);
}

function sysFtruncate64(fd: u32, lo: u32, hi: u32, _d: u32, _e: u32, _f: u32): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  if ((f.flags & 3) === 0) return -Errno.EINVAL; // not open for writing
  return truncateTo(f.inode, lo, hi);
}

/**
 * sendfile: copies up to `count` bytes from `inFd` to `outFd` through a kernel page of its own
 * (a pipe on either side may sleep). With `offsetAddr`, reads start there and the offset is
 * updated instead of the input file's position (-ESPIPE when the input has no offsets). Returns
 * the bytes copied; the input moves on by what reached the output.
 */
function sendFile(outFd: u32, inFd: u32, offsetAddr: u32, wanted: u32, wideOffset: boolean): i32 {
  const count = wanted < MAX_RW ? wanted : MAX_RW;
  const out = fileOf(outFd), input = fileOf(inFd);
  if (out === null || input === null) return -Errno.EBADF;
  if (!input.readable || !out.writable) return -Errno.EBADF;
  let at = input.pos;
  if (offsetAddr !== 0) {
    if (copyFromUser(scratch, offsetAddr, wideOffset ? 8 : 4) !== 0) return -Errno.EFAULT;
    if (wideOffset && load32(scratch + 4) !== 0) return -Errno.EINVAL;
    if (i32(load32(scratch)) < 0) return -Errno.EINVAL;
    if (!input.ops.seekable()) return -Errno.ESPIPE;
    at = load32(scratch);
  }
  const start = at;
  const page = allocPages(0, Zone.Normal);
  if (page === 0) return -Errno.ENOMEM;
  const k = page + KERNEL_BASE;
  let done: u32 = 0;
  let error: i32 = 0;
  while (done < count) {
    const want = count - done < PAGE_BYTES ? count - done : PAGE_BYTES;
    const got = fileReadAt(input, k, want, at, false);
    if (got <= 0) { error = got; break; }
    const put = fileWrite(out, k, u32(got));
    if (put < 0) { error = put; break; }
    done += u32(put);
    at += u32(put);
    if (put < got || u32(got) < want) break;
  }
  freePages(page, 0);
  if (offsetAddr !== 0) {
    store32(scratch, at);
    store32(scratch + 4, 0);
    if (copyToUser(offsetAddr, scratch, wideOffset ? 8 : 4) !== 0) return -Errno.EFAULT;
  } else {
    advancePosition(input, start, i32(done));
  }
  return done > 0 ? i32(done) : error;
}

function sysSendfile(outFd: u32, inFd: u32, offset: u32, count: u32, _e: u32, _f: u32): i32 {
  return sendFile(outFd, inFd, offset, count, false);
}

function sysSendfile64(outFd: u32, inFd: u32, offset: u32, count: u32, _e: u32, _f: u32): i32 {
  return sendFile(outFd, inFd, offset, count, true);
}

function sysFsync(fd: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return fileOf(fd) === null ? -Errno.EBADF : 0;
}

/** Registers the calls. */
export function fsMetaCallsInit(): void {
  registerSyscall(83, sysSymlink);
  registerSyscall(304, sysSymlinkat);
  registerSyscall(9, sysLink);
  registerSyscall(303, sysLinkat);
  registerSyscall(300, sysFstatat64);
  registerSyscall(307, sysFaccessat);
  registerSyscall(301, sysUnlinkat);
  registerSyscall(296, sysMkdirat);
  registerSyscall(302, sysRenameat);
  registerSyscall(353, sysRenameat2);
  registerSyscall(15, sysChmod);
  registerSyscall(94, sysFchmod);
  registerSyscall(306, sysFchmodat);
  registerSyscall(212, sysChown32);
  registerSyscall(198, sysLchown32);
  registerSyscall(207, sysFchown32);
  registerSyscall(298, sysFchownat);
  registerSyscall(320, sysUtimensat);
  registerSyscall(412, sysUtimensatTime64);
  registerSyscall(30, sysUtime);
  registerSyscall(193, sysTruncate64);
  registerSyscall(194, sysFtruncate64);
  registerSyscall(187, sysSendfile);
  registerSyscall(239, sysSendfile64);
  registerSyscall(118, sysFsync);
  registerSyscall(148, sysFsync); // fdatasync
}


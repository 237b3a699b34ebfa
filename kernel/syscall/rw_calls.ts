/**
 * The data-transfer calls with Linux i386 numbers and semantics (fs/read_write.c): read, write,
 * readv and writev, and their positional forms pread64, pwrite64, preadv, pwritev, preadv2 and
 * pwritev2, all served by one engine. Data moves through a kernel page per call, so a call that
 * sleeps (a pipe, the terminal) never shares its buffer; a fault in user memory ends a transfer
 * after the bytes before the faulting page, as Linux's copies come back short there.
 *
 * A positional call transfers at its offset and leaves the file position alone (-ESPIPE on
 * pipes and terminals, -EINVAL for a negative offset); the others use the file position and
 * move it by what reached the caller. Writes to a file opened O_APPEND land at its end, pwrite's
 * too (Linux's documented pwrite bug); preadv2/pwritev2 take RWF_* flags per call.
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { copyFromUser, copyToUser, userRangeOk } from "./uaccess";
import { fileOf } from "./fs_calls";
import { allocPages, freePages, Zone } from "../mm/pmm";
import { KERNEL_BASE } from "../arch/x86/layout";
import { PAGE_BYTES } from "../arch/x86/paging";
import { File, MAX_FILE_BYTES, O_APPEND, advancePosition, fileReadAt, fileWriteAt, writePosition } from "../fs/vfs";

/** Linux i386 numbers of the calls registered here. */
const enum RwSys {
  read = 3, write = 4, readv = 145, writev = 146, pread64 = 180, pwrite64 = 181, preadv = 333, pwritev = 334,
  preadv2 = 378, pwritev2 = 379,
}

/** The offset of read, write, readv, writev (and preadv2/pwritev2 given -1): the file position, which the call moves. */
const AT_FILE_POSITION: i64 = -1n;
/** Most iovecs in one call (UIO_MAXIOV). */
const IOV_MAX: u32 = 1024;
/** Largest byte count one call moves (Linux's MAX_RW_COUNT); larger requests are cut to it. */
const MAX_RW: u32 = 0x7ffff000;
/** SSIZE_MAX on i386: a larger count is -EINVAL (rw_verify_area). */
const SSIZE_MAX: u32 = 0x7fffffff;
/** The largest loff_t. */
const LOFF_MAX: i64 = 0x7fffffffffffffffn;

// The per-call flags of preadv2/pwritev2 (include/uapi/linux/fs.h, RWF_*).
/** Polled I/O: a hint, here as on a device without polling. */
const RWF_HIPRI: u32 = 0x01;
/** Data (and metadata) reach the storage before the call returns: files live in memory, so they have. */
const RWF_DSYNC: u32 = 0x02;
const RWF_SYNC: u32 = 0x04;
/** Fail with -EAGAIN instead of waiting (for data in a pipe or the terminal). */
const RWF_NOWAIT: u32 = 0x08;
/** Append to the end of the file whatever the offset, as O_APPEND does for this call only. */
const RWF_APPEND: u32 = 0x10;
/** Write at the offset even on an O_APPEND file. */
const RWF_NOAPPEND: u32 = 0x20;
const RWF_SUPPORTED: u32 = RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND | RWF_NOAPPEND;

/** Scratch for one iovec (calls copy their iovecs one at a time and never sleep while doing so). */
/** @align 16 */
const iovec = new Array<u32>(2).fill(0);

/** A kernel page to move data through; 0 when memory is exhausted. */
function bouncePage(): u32 {
  const p = allocPages(0, Zone.Normal);
  return p === 0 ? 0 : p + KERNEL_BASE;
}

function releasePage(v: u32): void {
  freePages(v - KERNEL_BASE, 0);
}

/** Bytes from `addr` to the end of its page. */
function toPageEnd(addr: u32): u32 {
  return PAGE_BYTES - (addr & (PAGE_BYTES - 1));
}

/** copyToUser or copyFromUser: 0 or -EFAULT. */
type UserCopy = (dst: u32, src: u32, n: u32) => i32;

/**
 * Copies `n` bytes at `src` to `dst` with `copy`: at once, or after a fault page by page of
 * the user side (`user`, which is `dst` or `src`) up to the faulting page; the bytes copied.
 */
function copyUpToFault(copy: UserCopy, dst: u32, src: u32, n: u32, user: u32): u32 {
  if (copy(dst, src, n) === 0) return n;
  let done: u32 = 0;
  while (done < n) {
    const c = n - done < toPageEnd(user + done) ? n - done : toPageEnd(user + done);
    if (copy(dst + done, src + done, c) !== 0) break;
    done += c;
  }
  return done;
}

/** Copies `n` kernel bytes at `src` to user `dst`, page by page of `dst` up to a faulting one; the bytes copied. */
function copyOutUpToFault(dst: u32, src: u32, n: u32): u32 {
  return copyUpToFault(copyToUser, dst, src, n, dst);
}

/** Copies `n` user bytes at `src` to kernel `dst`, page by page of `src` up to a faulting one; the bytes copied. */
function copyInUpToFault(dst: u32, src: u32, n: u32): u32 {
  return copyUpToFault(copyFromUser, dst, src, n, src);
}

/**
 * Reads `count` bytes from offset `at` of `f` into user memory at `buf`. Regular files fill the
 * whole buffer; pipes and terminals return what one read gives. The bytes read, or -errno when
 * none were (-EFAULT when the first byte's page faults).
 */
function readInto(f: File, buf: u32, count: u32, at: u32, nowait: boolean, page: u32): i32 {
  let done: u32 = 0;
  while (done < count) {
    const chunk = count - done < PAGE_BYTES ? count - done : PAGE_BYTES;
    const r = fileReadAt(f, page, chunk, at + done, nowait);
    if (r < 0) return done > 0 ? i32(done) : r;
    if (r === 0) break;
    const copied = copyOutUpToFault(buf + done, page, u32(r));
    done += copied;
    if (copied < u32(r)) return done > 0 ? i32(done) : -Errno.EFAULT;
    if (u32(r) < chunk || f.ops.canBlock()) break;
  }
  return i32(done);
}

/**
 * Writes `count` bytes from user memory at `buf` to offset `at` of `f` (to its end when
 * `append`), chunk by chunk, until done, short or at a faulting page. The bytes written, or
 * -errno when none were.
 */
function writeFrom(f: File, buf: u32, count: u32, at: u32, append: boolean, nowait: boolean, page: u32): i32 {
  let done: u32 = 0;
  while (done < count) {
    const chunk = count - done < PAGE_BYTES ? count - done : PAGE_BYTES;
    const got = copyInUpToFault(page, buf + done, chunk);
    if (got === 0) return done > 0 ? i32(done) : -Errno.EFAULT;
    const r = fileWriteAt(f, page, got, writePosition(f, at + done, append), nowait);
    if (r < 0) return done > 0 ? i32(done) : r;
    done += u32(r);
    if (u32(r) < chunk) break; // short, or the rest of the chunk faulted
  }
  return i32(done);
}

/** The offset the file layer sees: offsets past the largest file size hold no byte (reads end, writes fail with -EFBIG). */
function fileOffset(pos: i64): u32 {
  return pos > i64(MAX_FILE_BYTES) ? MAX_FILE_BYTES : u32(Number(pos));
}

/** Linux's rw_verify_area: -EINVAL for a count beyond SSIZE_MAX or an offset that overflows with it. */
function verifyArea(pos: i64, count: u32): i32 {
  if (count > SSIZE_MAX) return -Errno.EINVAL;
  if (pos !== AT_FILE_POSITION && pos > LOFF_MAX - i64(count)) return -Errno.EINVAL;
  return 0;
}

/** Does this call write at the end of the file: O_APPEND (unless RWF_NOAPPEND) or RWF_APPEND? */
function appends(f: File, flags: u32): boolean {
  return ((f.flags & O_APPEND) !== 0 && (flags & RWF_NOAPPEND) === 0) || (flags & RWF_APPEND) !== 0;
}

/** After a transfer of `n` bytes that started at the file position `at`: the position moves past them (to the end when appending). */
function moveFilePosition(f: File, at: u32, n: i32, append: boolean): void {
  if (n > 0 && append && f.inode.isRegular()) f.pos = f.inode.size;
  else advancePosition(f, at, n);
}

/**
 * read and pread64 (`pos` ≥ 0), with vfs_read's checks in its order: -EBADF, -ESPIPE (pread on
 * a pipe or terminal), -EBADF (not open for reading), -EFAULT (not user memory), -EINVAL
 * (rw_verify_area), then the transfer, which on a directory is -EISDIR.
 */
function readCall(fd: u32, buf: u32, count: u32, pos: i64): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  if (pos !== AT_FILE_POSITION && !f.ops.seekable()) return -Errno.ESPIPE;
  if (!f.readable) return -Errno.EBADF;
  if (!userRangeOk(buf, count)) return -Errno.EFAULT;
  const bad = verifyArea(pos, count);
  if (bad !== 0) return bad;
  if (f.inode.isDirectory()) return -Errno.EISDIR;
  if (count === 0) return 0;
  const n = count < MAX_RW ? count : MAX_RW;
  if (f.ops.copiesUser()) return fileReadAt(f, buf, n, 0, false); // a pipe: no offsets, no bounce page
  const page = bouncePage();
  if (page === 0) return -Errno.ENOMEM;
  const at = pos === AT_FILE_POSITION ? f.pos : fileOffset(pos);
  const r = readInto(f, buf, n, at, false, page);
  releasePage(page);
  if (pos === AT_FILE_POSITION) advancePosition(f, at, r);
  return r;
}

/** write and pwrite64 (`pos` ≥ 0), with vfs_write's checks in its order (as readCall's). */
function writeCall(fd: u32, buf: u32, count: u32, pos: i64): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  if (pos !== AT_FILE_POSITION && !f.ops.seekable()) return -Errno.ESPIPE;
  if (!f.writable) return -Errno.EBADF;
  if (!userRangeOk(buf, count)) return -Errno.EFAULT;
  const bad = verifyArea(pos, count);
  if (bad !== 0) return bad;
  if (count === 0) return 0;
  const n = count < MAX_RW ? count : MAX_RW;
  if (f.ops.copiesUser()) return fileWriteAt(f, buf, n, 0, false);
  const page = bouncePage();
  if (page === 0) return -Errno.ENOMEM;
  const at = pos === AT_FILE_POSITION ? f.pos : fileOffset(pos);
  const append = appends(f, 0);
  const r = writeFrom(f, buf, n, at, append, false, page);
  releasePage(page);
  if (pos === AT_FILE_POSITION) moveFilePosition(f, at, r, append);
  return r;
}

/** Reads iovec `i` of the array at `iov` into `iovec` (base, length); false when it faults. */
function loadIovec(iov: u32, i: u32): boolean {
  return copyFromUser(addressOf(iovec), iov + i * 8, 8) === 0;
}

/**
 * Checks an iovec array as Linux's import_iovec does: -EINVAL for more than IOV_MAX entries,
 * -EFAULT for an array that faults, -EINVAL for a length beyond SSIZE_MAX, then -EFAULT for a
 * buffer outside user memory. The bytes the call may move (cut to MAX_RW), or -errno.
 */
function iovecTotal(iov: u32, count: u32): i32 {
  if (count > IOV_MAX) return -Errno.EINVAL;
  if (!userRangeOk(iov, count * 8)) return -Errno.EFAULT;
  for (let i: u32 = 0; i < count; i++) {
    if (!loadIovec(iov, i)) return -Errno.EFAULT;
    if (iovec[1] > SSIZE_MAX) return -Errno.EINVAL;
  }
  let total: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    if (!loadIovec(iov, i)) return -Errno.EFAULT;
    if (!userRangeOk(iovec[0], iovec[1])) return -Errno.EFAULT;
    total += iovec[1] < MAX_RW - total ? iovec[1] : MAX_RW - total;
  }
  return i32(total);
}

/** The RWF_* flags of one call, checked as Linux's kiocb_set_rw_flags: 0, -EOPNOTSUPP (unknown) or -EINVAL (append and not). */
function checkRwFlags(flags: u32): i32 {
  if ((flags & ~RWF_SUPPORTED) !== 0) return -Errno.EOPNOTSUPP;
  if ((flags & RWF_APPEND) !== 0 && (flags & RWF_NOAPPEND) !== 0) return -Errno.EINVAL;
  return 0;
}

/**
 * readv, writev, preadv, pwritev, preadv2, pwritev2: the iovecs in order, stopping at the first
 * short transfer, at `pos` or (AT_FILE_POSITION) the file position, with RWF_* `flags`. Checks
 * as Linux's vfs_readv/vfs_writev, in their order; a call that would move no bytes returns 0
 * before the offset and flags are looked at.
 */
function vectorCall(fd: u32, iov: u32, count: u32, pos: i64, flags: u32, writing: boolean): i32 {
  const f = fileOf(fd);
  if (f === null) return -Errno.EBADF;
  if (pos !== AT_FILE_POSITION && !f.ops.seekable()) return -Errno.ESPIPE;
  if (writing ? !f.writable : !f.readable) return -Errno.EBADF;
  const total = iovecTotal(iov, count);
  if (total <= 0) return total;
  const bad = verifyArea(pos, u32(total));
  if (bad !== 0) return bad;
  const badFlags = checkRwFlags(flags);
  if (badFlags !== 0) return badFlags;
  const page = bouncePage();
  if (page === 0) return -Errno.ENOMEM;
  const start = pos === AT_FILE_POSITION ? f.pos : fileOffset(pos);
  const append = writing && appends(f, flags);
  const nowait = (flags & RWF_NOWAIT) !== 0;
  let done: u32 = 0;
  let result: i32 = 0;
  for (let i: u32 = 0; i < count && done < u32(total); i++) {
    if (!loadIovec(iov, i)) { result = -Errno.EFAULT; break; }
    const base = iovec[0];
    const len = iovec[1] < u32(total) - done ? iovec[1] : u32(total) - done;
    if (len === 0) continue;
    const r = writing ? writeFrom(f, base, len, start + done, append, nowait, page) : readInto(f, base, len, start + done, nowait, page);
    if (r < 0) { result = r; break; }
    done += u32(r);
    if (u32(r) < len || (!writing && r > 0 && f.ops.canBlock())) break;
  }
  releasePage(page);
  const moved = done > 0 ? i32(done) : result;
  if (pos === AT_FILE_POSITION) moveFilePosition(f, start, moved, append);
  return moved;
}

/** The 64-bit offset the i386 ABI passes as two registers, low half first. */
function offset64(low: u32, high: u32): i64 {
  return i64(i32(high)) * 4294967296n + i64(low);
}

function sysRead(fd: u32, buf: u32, count: u32, _d: u32, _e: u32, _f: u32): i32 {
  return readCall(fd, buf, count, AT_FILE_POSITION);
}

function sysWrite(fd: u32, buf: u32, count: u32, _d: u32, _e: u32, _f: u32): i32 {
  return writeCall(fd, buf, count, AT_FILE_POSITION);
}

function sysReadv(fd: u32, iov: u32, count: u32, _d: u32, _e: u32, _f: u32): i32 {
  return vectorCall(fd, iov, count, AT_FILE_POSITION, 0, false);
}

function sysWritev(fd: u32, iov: u32, count: u32, _d: u32, _e: u32, _f: u32): i32 {
  return vectorCall(fd, iov, count, AT_FILE_POSITION, 0, true);
}

/** pread64(fd, buf, count, pos_lo, pos_hi): -EINVAL for a negative offset, before the descriptor is looked at. */
function sysPread64(fd: u32, buf: u32, count: u32, low: u32, high: u32, _f: u32): i32 {
  const pos = offset64(low, high);
  return pos < 0n ? -Errno.EINVAL : readCall(fd, buf, count, pos);
}

function sysPwrite64(fd: u32, buf: u32, count: u32, low: u32, high: u32, _f: u32): i32 {
  const pos = offset64(low, high);
  return pos < 0n ? -Errno.EINVAL : writeCall(fd, buf, count, pos);
}

/** preadv(fd, iov, count, pos_l, pos_h). */
function sysPreadv(fd: u32, iov: u32, count: u32, low: u32, high: u32, _f: u32): i32 {
  const pos = offset64(low, high);
  return pos < 0n ? -Errno.EINVAL : vectorCall(fd, iov, count, pos, 0, false);
}

function sysPwritev(fd: u32, iov: u32, count: u32, low: u32, high: u32, _f: u32): i32 {
  const pos = offset64(low, high);
  return pos < 0n ? -Errno.EINVAL : vectorCall(fd, iov, count, pos, 0, true);
}

/** preadv2(fd, iov, count, pos_l, pos_h, flags): offset -1 is the file position (readv with flags). */
function sysPreadv2(fd: u32, iov: u32, count: u32, low: u32, high: u32, flags: u32): i32 {
  const pos = offset64(low, high);
  return pos < AT_FILE_POSITION ? -Errno.EINVAL : vectorCall(fd, iov, count, pos, flags, false);
}

function sysPwritev2(fd: u32, iov: u32, count: u32, low: u32, high: u32, flags: u32): i32 {
  const pos = offset64(low, high);
  return pos < AT_FILE_POSITION ? -Errno.EINVAL : vectorCall(fd, iov, count, pos, flags, true);
}

/** Registers the data-transfer calls. */
export function rwCallsInit(): void {
  registerSyscall(RwSys.read, sysRead);
  registerSyscall(RwSys.write, sysWrite);
  registerSyscall(RwSys.readv, sysReadv);
  registerSyscall(RwSys.writev, sysWritev);
  registerSyscall(RwSys.pread64, sysPread64);
  registerSyscall(RwSys.pwrite64, sysPwrite64);
  registerSyscall(RwSys.preadv, sysPreadv);
  registerSyscall(RwSys.pwritev, sysPwritev);
  registerSyscall(RwSys.preadv2, sysPreadv2);
  registerSyscall(RwSys.pwritev2, sysPwritev2);
}

/**
 * The memory system calls, with Linux's rules and errno values: brk, mmap2 (and the old mmap
 * with its argument block), munmap, mprotect, mremap, madvise and msync. Mappings are private
 * or shared, anonymous or of a file: a tmpfs file maps its own pages (mm/memobject.ts), /dev/zero
 * gives anonymous memory, and other files cannot be mapped (-ENODEV). The mechanics — regions,
 * page tables, copy-on-write — live in mm/aspace.ts; this file decides what a call asks for.
 */
import { Errno } from "./errno";
import { registerSyscall } from "./dispatch";
import { copyFromUser } from "./uaccess";
import { fileOf } from "./fs_calls";
import { currentTask } from "../proc/sched";
import { AddressSpace, MMAP_BASE, Prot, Region, USER_END, USER_STACK_BYTES, USER_STACK_TOP } from "../mm/aspace";
import { MemoryObject } from "../mm/memobject";
import { SharedMemory } from "../mm/shared";
import { MappedFile } from "../mm/mappedfile";
import { namedFile } from "../fs/mapname";
import { PAGE_BYTES } from "../arch/x86/paging";

/** Linux i386 numbers of the calls here. */
const enum Nr { brk = 45, oldMmap = 90, munmap = 91, mprotect = 125, msync = 144, mremap = 163, madvise = 219, mmap2 = 192 }

// mmap's protection and flags (include/uapi/asm-generic/mman-common.h, arch/x86 mman.h).
const PROT_READ: u32 = 1;
const PROT_WRITE: u32 = 2;
const PROT_EXEC: u32 = 4;
const MAP_SHARED: u32 = 0x01;
const MAP_PRIVATE: u32 = 0x02;
const MAP_SHARED_VALIDATE: u32 = 0x03;
const MAP_TYPE: u32 = 0x0f;
const MAP_FIXED: u32 = 0x10;
const MAP_ANONYMOUS: u32 = 0x20;
const MAP_FIXED_NOREPLACE: u32 = 0x100000;
/** Linux's LEGACY_MAP_MASK: the flags MAP_SHARED_VALIDATE accepts (type, FIXED, ANONYMOUS, DENYWRITE, EXECUTABLE, UNINITIALIZED, GROWSDOWN, LOCKED, NORESERVE, POPULATE, NONBLOCK, STACK, HUGETLB). */
const LEGACY_MAP_MASK: u32 = 0x0407f933;
/** The lowest address a fixed mapping may take (Linux's default vm.mmap_min_addr): page 0 stays unmapped so NULL faults. */
const MMAP_MIN_ADDR: u32 = 0x10000;

// mremap flags.
const MREMAP_MAYMOVE: u32 = 1;
const MREMAP_FIXED: u32 = 2;
const MREMAP_DONTUNMAP: u32 = 4;

/** The old mmap's argument block (system calls run one at a time). */
const oldMmapArgs = new Array<u32>(6).fill(0);

// madvise advice.
const MADV_NORMAL: u32 = 0;
const MADV_RANDOM: u32 = 1;
const MADV_SEQUENTIAL: u32 = 2;
const MADV_WILLNEED: u32 = 3;
const MADV_DONTNEED: u32 = 4;
const MADV_FREE: u32 = 8;
const MADV_DONTDUMP: u32 = 16;
const MADV_DODUMP: u32 = 17;
const MADV_COLD: u32 = 20;
const MADV_PAGEOUT: u32 = 21;

// msync flags.
const MS_ASYNC: u32 = 1;
const MS_INVALIDATE: u32 = 2;
const MS_SYNC: u32 = 4;

/** `a` rounded up to a page; 0 when that overflows. */
function pageUp(a: u32): u32 {
  return ((a + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1)) >>> 0;
}

/** The end of the `len` bytes at `a`, or 0xffffffff when that is beyond 32 bits. */
function endOf(a: u32, len: u32): u32 {
  return len > 0xffffffff - a ? 0xffffffff : a + len;
}

function space(): AddressSpace {
  return currentTask().aspace!;
}

/** Region permissions for mmap/mprotect's `prot`. */
function protOf(prot: u32): i32 {
  let p: i32 = Prot.None;
  if ((prot & PROT_READ) !== 0) p |= Prot.Read;
  if ((prot & PROT_WRITE) !== 0) p |= Prot.Write;
  if ((prot & PROT_EXEC) !== 0) p |= Prot.Exec;
  return p;
}

/**
 * brk: moves the program break. Growing extends (or creates) the demand-zero "heap" region,
 * which must not run into another mapping; shrinking unmaps the pages past the new break.
 * Returns the new break, or the old one when the request cannot be met (as Linux does).
 */
function sysBrk(addr: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const s = space();
  if (addr === 0 || addr < s.brkStart || addr > USER_STACK_TOP - USER_STACK_BYTES) return i32(s.brk);
  const oldEnd = pageUp(s.brk);
  const newEnd = pageUp(addr);
  if (newEnd > oldEnd) {
    // The new pages join the heap region below them (regions that continue each other merge).
    if (!s.addRegion(oldEnd, newEnd, Prot.Read | Prot.Write, "heap")) return i32(s.brk);
  } else if (newEnd < oldEnd) {
    s.unmapRange(newEnd, oldEnd);
  }
  s.brk = addr;
  return i32(addr);
}

/** The memory object, name and sharing a file mapping gets: the outcome of checking the file. */
class FileSource {
  constructor(readonly object: MemoryObject | null, readonly anonymous: boolean, readonly maxProt: i32, readonly error: i32, readonly name: MappedFile | null) {}
}

/**
 * What mapping the open file `fd` gives (Linux's checks in do_mmap, in its order): -EBADF,
 * -EOPNOTSUPP for flags MAP_SHARED_VALIDATE does not know, -EACCES for a shared writable mapping
 * of a file not open for writing or any mapping of one not open for reading, -ENODEV for files
 * that cannot be mapped, -EINVAL for a bad mapping type.
 */
function fileSource(fd: u32, prot: u32, flags: u32): FileSource {
  const f = fileOf(fd);
  if (f === null) return new FileSource(null, false, 0, -Errno.EBADF, null);
  const type = flags & MAP_TYPE;
  let maxProt: i32 = Prot.All;
  if (type === MAP_SHARED || type === MAP_SHARED_VALIDATE) {
    if (type === MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK) !== 0) return new FileSource(null, false, 0, -Errno.EOPNOTSUPP, null);
    if ((prot & PROT_WRITE) !== 0 && !f.writable) return new FileSource(null, false, 0, -Errno.EACCES, null);
    if (!f.writable) maxProt = Prot.Read | Prot.Exec;
  } else if (type !== MAP_PRIVATE) {
    return new FileSource(null, false, 0, -Errno.EINVAL, null);
  }
  if (!f.readable) return new FileSource(null, false, 0, -Errno.EACCES, null);
  if (f.ops.mapsAnonymous()) return new FileSource(null, true, maxProt, 0, null);
  const o = f.ops.mapObject(f, type !== MAP_PRIVATE);
  if (o === null) return new FileSource(null, false, 0, -Errno.ENODEV, null);
  const d = f.dentry;
  return new FileSource(o, false, maxProt, 0, d === null ? null : namedFile(d));
}

/**
 * mmap2: maps `len` bytes at a free address (or at `addr`, which is a hint, or exact with
 * MAP_FIXED — replacing what was there — or MAP_FIXED_NOREPLACE), anonymous or of file `fd`
 * from page `pgoff` on. Returns the address or -errno.
 */
function mapMemory(addr: u32, len: u32, prot: u32, flags: u32, fd: u32, pgoff: u32): i32 {
  const anonymous = (flags & MAP_ANONYMOUS) !== 0;
  if (!anonymous && fileOf(fd) === null) return -Errno.EBADF;
  if (len === 0) return -Errno.EINVAL;
  const size = pageUp(len);
  if (size === 0 || size > USER_END) return -Errno.ENOMEM;
  if (!anonymous && pgoff > 0xffffffff - (size >>> 12)) return -Errno.EOVERFLOW;
  const s = space();
  const fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) !== 0;
  let start: u32 = 0;
  if (fixed) {
    if ((addr & (PAGE_BYTES - 1)) !== 0) return -Errno.EINVAL;
    if (addr > USER_END - size) return -Errno.ENOMEM;
    if (addr < MMAP_MIN_ADDR) return -Errno.EPERM;
    start = addr;
    if ((flags & MAP_FIXED_NOREPLACE) !== 0 && !s.rangeFree(start, start + size)) return -Errno.EEXIST;
  } else {
    const hint = (addr & ~(PAGE_BYTES - 1)) >>> 0;
    start = hint >= MMAP_MIN_ADDR && hint <= USER_END - size && s.rangeFree(hint, hint + size) ? hint : s.findFreeRange(size, MMAP_BASE);
    if (start === 0) return -Errno.ENOMEM;
  }
  const type = flags & MAP_TYPE;
  const shared = type === MAP_SHARED || type === MAP_SHARED_VALIDATE;
  const r = new Region(start, start + size, protOf(prot), "mmap");
  r.shared = shared;
  let object: MemoryObject | null = null;
  if (anonymous) {
    if (type !== MAP_SHARED && type !== MAP_PRIVATE) { dispose(r); return -Errno.EINVAL; }
  } else {
    const src = fileSource(fd, prot, flags);
    const error = src.error;
    object = src.object;
    r.maxProt = src.maxProt;
    r.file = src.name;
    dispose(src);
    if (error !== 0) { dispose(r); return error; }
    if (object !== null) {
      r.name = "file";
      r.offset = pgoff;
    }
  }
  if (object === null && shared) {
    object = new SharedMemory(size >>> 12);
    r.name = "shared";
  }
  r.object = object;
  if (fixed) s.unmapRange(start, start + size);
  if (!s.addPrepared(r)) return -Errno.ENOMEM;
  return i32(start);
}

/** The old i386 mmap: its six arguments in a block in user memory, the offset in bytes (page-aligned). */
function sysOldMmap(args: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const a = oldMmapArgs;
  if (copyFromUser(addressOf(a), args, 24) !== 0) return -Errno.EFAULT;
  if ((a[5] & (PAGE_BYTES - 1)) !== 0) return -Errno.EINVAL;
  return mapMemory(a[0], a[1], a[2], a[3], a[4], a[5] >>> 12);
}

function sysMunmap(addr: u32, len: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const size = pageUp(len);
  if ((addr & (PAGE_BYTES - 1)) !== 0 || len === 0 || size === 0 || size > USER_END || addr > USER_END - size) return -Errno.EINVAL;
  return space().unmapRange(addr, addr + size);
}

/** mprotect: -EINVAL for a bad address or protection, -ENOMEM for unmapped pages, -EACCES beyond what a mapping allows. */
function sysMprotect(addr: u32, len: u32, prot: u32, _d: u32, _e: u32, _f: u32): i32 {
  if ((addr & (PAGE_BYTES - 1)) !== 0 || (prot & ~7) !== 0) return -Errno.EINVAL;
  if (len === 0) return 0;
  const size = pageUp(len);
  if (size === 0 || size > USER_END || addr > USER_END - size) return -Errno.ENOMEM;
  return space().protectRange(addr, addr + size, protOf(prot));
}

/**
 * mremap (Linux's mm/mremap.c rules): resizes the mapping at `addr` from `oldLen` to `newLen`
 * bytes — shrinking in place, growing in place when the addresses after it are free, or moving
 * it (MREMAP_MAYMOVE) elsewhere, to `newAddr` with MREMAP_FIXED (replacing what was there),
 * keeping the old range mapped but empty with MREMAP_DONTUNMAP. `oldLen` 0 maps a shared
 * mapping a second time. -EINVAL for bad flags, addresses or lengths, -EFAULT when the old range
 * is not inside one mapping, -ENOMEM when it cannot grow in place and may not move.
 */
function sysMremap(addr: u32, oldLen: u32, newLen: u32, flags: u32, newAddr: u32, _f: u32): i32 {
  if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) !== 0) return -Errno.EINVAL;
  if ((addr & (PAGE_BYTES - 1)) !== 0) return -Errno.EINVAL;
  const newSize = pageUp(newLen);
  let oldSize = pageUp(oldLen);
  if (newSize === 0 || newSize > USER_END || (oldLen !== 0 && oldSize === 0)) return -Errno.EINVAL;
  const moveTo = (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) !== 0;
  if (moveTo) {
    if (newAddr > USER_END - newSize || (newAddr & (PAGE_BYTES - 1)) !== 0) return -Errno.EINVAL;
    if ((flags & MREMAP_MAYMOVE) === 0) return -Errno.EINVAL;
    if ((flags & MREMAP_DONTUNMAP) !== 0 && oldSize !== newSize) return -Errno.EINVAL;
    if (addr < newAddr + newSize && newAddr < endOf(addr, oldSize)) return -Errno.EINVAL; // the ranges overlap
  }
  const s = space();
  const r = s.regionAt(addr);
  if (r === null) return -Errno.EFAULT;
  if (newSize > oldSize || moveTo) {
    if (oldSize === 0 && !r.shared) return -Errno.EINVAL;
    if ((newSize < oldSize ? newSize : oldSize) > r.end - addr) return -Errno.EFAULT;
    if (newSize !== oldSize && r.object !== null && r.pageIndex(addr) > 0xffffffff - (newSize >>> 12)) return -Errno.EINVAL;
  }
  if (moveTo) {
    const fixed = (flags & MREMAP_FIXED) !== 0;
    if (fixed) s.unmapRange(newAddr, newAddr + newSize);
    if (newSize < oldSize) {
      s.unmapRange(endOf(addr, newSize), endOf(addr, oldSize));
      oldSize = newSize;
    }
    const to = fixed ? newAddr : s.findFreeRange(newSize, MMAP_BASE);
    if (to === 0) return -Errno.ENOMEM;
    return s.moveRange(addr, oldSize, to, newSize, (flags & MREMAP_DONTUNMAP) !== 0) ? i32(to) : -Errno.ENOMEM;
  }
  if (newSize === oldSize) return i32(addr);
  if (newSize < oldSize) {
    s.unmapRange(endOf(addr, newSize), endOf(addr, oldSize));
    return i32(addr);
  }
  if (addr + oldSize === r.end && newSize <= USER_END - addr && s.growRegionEndingAt(r.end, addr + newSize)) return i32(addr);
  if ((flags & MREMAP_MAYMOVE) === 0) return -Errno.ENOMEM;
  const to = s.findFreeRange(newSize, MMAP_BASE);
  if (to === 0) return -Errno.ENOMEM;
  return s.moveRange(addr, oldSize, to, newSize, false) ? i32(to) : -Errno.ENOMEM;
}

/** Whether madvise knows `advice` (those that are only hints here are accepted and do nothing). */
function adviceKnown(advice: u32): boolean {
  return advice === MADV_NORMAL || advice === MADV_RANDOM || advice === MADV_SEQUENTIAL || advice === MADV_WILLNEED ||
    advice === MADV_DONTNEED || advice === MADV_FREE || advice === MADV_DONTDUMP || advice === MADV_DODUMP ||
    advice === MADV_COLD || advice === MADV_PAGEOUT;
}

/**
 * madvise: MADV_DONTNEED (and MADV_FREE, on private anonymous memory only) drops the pages of
 * the range — the next touch reads zeros, or the file again — the other known advice is a hint.
 * -EINVAL for an unaligned start or unknown advice, -ENOMEM when part of the range is unmapped
 * (the mapped parts still take the advice, as on Linux).
 */
function sysMadvise(addr: u32, len: u32, advice: u32, _d: u32, _e: u32, _f: u32): i32 {
  if (!adviceKnown(advice) || (addr & (PAGE_BYTES - 1)) !== 0) return -Errno.EINVAL;
  const size = pageUp(len);
  if ((len !== 0 && size === 0) || addr > 0xffffffff - size) return -Errno.EINVAL;
  if (size === 0) return 0;
  const s = space();
  const end = addr + size > USER_END ? USER_END : addr + size;
  if (advice === MADV_FREE) {
    for (let a = addr; a < end; a += PAGE_BYTES) {
      const r = s.regionAt(a);
      if (r !== null && r.object !== null) return -Errno.EINVAL; // only anonymous private memory
    }
  }
  if (advice === MADV_DONTNEED || advice === MADV_FREE) s.discardPages(addr, end);
  return end === addr + size && s.rangeCovered(addr, end) ? 0 : -Errno.ENOMEM;
}

/**
 * msync: nothing to write back (every file lives in memory and a shared mapping maps its own
 * pages), so only the checks remain: -EINVAL for bad flags or an unaligned start, -ENOMEM for
 * unmapped pages in the range.
 */
function sysMsync(addr: u32, len: u32, flags: u32, _d: u32, _e: u32, _f: u32): i32 {
  if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) !== 0 || (addr & (PAGE_BYTES - 1)) !== 0) return -Errno.EINVAL;
  if ((flags & MS_ASYNC) !== 0 && (flags & MS_SYNC) !== 0) return -Errno.EINVAL;
  const size = pageUp(len);
  if (addr > 0xffffffff - size) return -Errno.ENOMEM;
  if (size === 0) return 0;
  return addr + size <= USER_END && space().rangeCovered(addr, addr + size) ? 0 : -Errno.ENOMEM;
}

/** Registers the memory calls. */
export function mmCallsInit(): void {
  registerSyscall(Nr.brk, sysBrk);
  registerSyscall(Nr.oldMmap, sysOldMmap);
  registerSyscall(Nr.mmap2, mapMemory);
  registerSyscall(Nr.munmap, sysMunmap);
  registerSyscall(Nr.mprotect, sysMprotect);
  registerSyscall(Nr.mremap, sysMremap);
  registerSyscall(Nr.madvise, sysMadvise);
  registerSyscall(Nr.msync, sysMsync);
}

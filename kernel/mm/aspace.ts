/**
 * User address spaces: a root page table sharing the kernel half, and the regions (VMAs) that
 * say which user addresses are valid and how, kept sorted by address. Pages of a region appear
 * on first touch: demand-zero for anonymous memory, or from the region's memory object
 * (mm/memobject.ts: an executable's image, a file, shared anonymous memory) — mapped itself in a
 * shared region, read-only and copied on the first write in a private one. A fault outside
 * every region is the process's error, never the kernel's. Walks over a region's pages skip the
 * spans that have no page table, so a sparse region (the 8 MiB stack reservation) costs little
 * at fork and exit.
 */
import { PAGE_BYTES, PageFlags, mapPageIn, unmapPageIn, protectPageIn, newAddressSpaceRoot, freeAddressSpaceRoot, translateIn, nextMappedIn, NOT_MAPPED } from "../arch/x86/paging";
import { pageGet, pagePut, pageRefCount } from "./pageref";
import { KERNEL_BASE } from "../arch/x86/layout";
import { allocPages, freePages, Zone } from "./pmm";
import { MemoryObject, PAGE_ZERO, PAGE_PAST_END } from "./memobject";
import { MappedFile } from "./mappedfile";

/** Highest user address + 1. */
export const USER_END: u32 = 0xc0000000;
/** Top of the initial user stack (one page below the kernel keeps a gap). */
export const USER_STACK_TOP: u32 = 0xbffff000;
/** Maximum user stack size. */
export const USER_STACK_BYTES: u32 = 8 << 20;
/** Where anonymous mmap allocations start. */
export const MMAP_BASE: u32 = 0x40000000;

/** Region permissions. */
export const enum Prot { None = 0, Read = 1, Write = 2, Exec = 4, All = 7 }

/** A range of user addresses with permissions, and where its pages come from. */
export class Region {
  /**
   * The memory object whose pages the region maps, page `offset` of it at `start`; null for
   * private demand-zero memory. The region holds one user of the object.
   */
  object: MemoryObject | null = null;
  /** The object's page at `start`; for a file, the page of the file (Linux's vm_pgoff). */
  offset: u32 = 0;
  /** The file the region maps, for /proc/<pid>/maps (its pages come from `object`); the region holds one user of it. */
  file: MappedFile | null = null;
  /** MAP_SHARED: the object's own pages are mapped, writable where `prot` allows, and fork shares them. */
  shared = false;
  /** The permissions mprotect may grant (a shared mapping of a file opened read-only never gets Write). */
  maxProt: i32 = Prot.All;
  constructor(public start: u32, public end: u32, public prot: i32, public name: string) {}

  /** [start, end) of this region with protection `prot` (the same name and page source; a new user of the object). */
  part(start: u32, end: u32, prot: i32): Region {
    const r = new Region(start, end, prot, this.name);
    const o = this.object;
    if (o !== null) r.object = o.acquire();
    const f = this.file;
    if (f !== null) r.file = f.acquire();
    r.offset = this.offset + ((start - this.start) >>> 12);
    r.shared = this.shared;
    r.maxProt = this.maxProt;
    return r;
  }

  /** The index in the memory object of the page at `va`. */
  pageIndex(va: u32): u32 {
    return this.offset + ((va - this.start) >>> 12);
  }

  /** Whether `next`, starting where this region ends, could be the same region (so the two merge). */
  continuedBy(next: Region): boolean {
    if (next.start !== this.end || next.prot !== this.prot || next.name !== this.name) return false;
    if (next.shared !== this.shared || next.maxProt !== this.maxProt || next.object !== this.object || next.file !== this.file) return false;
    return (this.object === null && this.file === null) || next.offset === this.pageIndex(this.end);
  }

  /** Lets go of the memory object and the file (the region is discarded). */
  release(): void {
    const o = this.object;
    if (o !== null) o.drop();
    this.object = null;
    const f = this.file;
    if (f !== null) f.drop();
    this.file = null;
  }
}

/**
 * Told when copy-on-write gives an address space a private copy of a page it shared: futex
 * waiters keyed by the physical page follow their memory to the copy.
 */
export type PageCopiedHook = (space: AddressSpace, va: u32, oldPage: u32, newPage: u32) => void;
let pageCopiedHook: PageCopiedHook | null = null;

/** Installs the copy-on-write observer (one; the futex code). */
export function setPageCopiedHook(h: PageCopiedHook): void {
  pageCopiedHook = h;
}

function pageOf(pa: u32): u32 {
  return (pa & ~(PAGE_BYTES - 1)) >>> 0;
}

/** One process's address space (shared by its threads, and by a vfork child until it execs). */
export class AddressSpace {
  /** The regions, sorted by address, never overlapping. */
  regions: Region[] = [];
  /** Tasks running in this address space; the last one to let go frees it. */
  users = 1;
  /** Program break: the heap region grows from brkStart to brk. */
  brkStart: u32 = 0;
  brk: u32 = 0;
  pagesMapped: u32 = 0;
  cowFaults: u32 = 0;
  pagesCopied: u32 = 0;
  /**
   * Where exec left the argument strings [argStart, argEnd), the environment strings
   * [argEnd, envEnd) and the initial stack pointer (Linux's mm arg_start … env_end and
   * start_stack): /proc reads a process's command line from its own memory there.
   */
  argStart: u32 = 0;
  argEnd: u32 = 0;
  envEnd: u32 = 0;
  startStack: u32 = 0;
  /** The executable the space was built from (Linux's mm->exe_file, /proc/<pid>/exe); the space holds one user of it. */
  exeFile: MappedFile | null = null;
  constructor(readonly root: u32) {}

  /** Records the executable (taking over the caller's reference to it). */
  setExeFile(f: MappedFile | null): void {
    const old = this.exeFile;
    this.exeFile = f;
    if (old !== null) old.drop();
  }

  /** Records the initial stack's layout (exec builds it; fork copies it). */
  setInitialStack(argStart: u32, argEnd: u32, envEnd: u32, startStack: u32): void {
    this.argStart = argStart;
    this.argEnd = argEnd;
    this.envEnd = envEnd;
    this.startStack = startStack;
  }

  /** The index of the first region that ends above `addr` (regions.length when none does). */
  private firstEndingAfter(addr: u32): i32 {
    let lo = 0;
    let hi = this.regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.regions[mid].end <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The region containing `addr`, or null. */
  regionAt(addr: u32): Region | null {
    const i = this.firstEndingAfter(addr);
    if (i >= this.regions.length) return null;
    const r = this.regions[i];
    return addr >= r.start ? r : null;
  }

  /** Whether no region overlaps [start, end). */
  rangeFree(start: u32, end: u32): boolean {
    const i = this.firstEndingAfter(start);
    return i >= this.regions.length || this.regions[i].start >= end;
  }

  /** Whether the regions cover every page of [start, end) without a gap. */
  rangeCovered(start: u32, end: u32): boolean {
    let a = start;
    for (let i = this.firstEndingAfter(start); a < end; i++) {
      if (i >= this.regions.length || this.regions[i].start > a) return false;
      a = this.regions[i].end;
    }
    return true;
  }

  /**
   * The lowest page-aligned address at or above `from` where `size` bytes fit below USER_END
   * without overlapping a region, or 0 when there is none. First fit, so an unmapped range is
   * found again (a bump pointer ran out of address space after 2 GiB of mmap/munmap cycles).
   */
  findFreeRange(size: u32, from: u32): u32 {
    let start = from;
    for (let i = this.firstEndingAfter(from); ; i++) {
      if (size === 0 || start >= USER_END || size > USER_END - start) return 0;
      if (i >= this.regions.length || this.regions[i].start >= start + size) return start;
      start = this.regions[i].end;
    }
  }

  /** Puts `r` into the sorted list (it must not overlap another region). */
  private insert(r: Region): void {
    const list = this.regions;
    const i = this.firstEndingAfter(r.start);
    list.push(r);
    for (let j = list.length - 1; j > i; j--) list[j] = list[j - 1];
    list[i] = r;
  }

  /** Takes the region at index `i` out of the list, lets go of its object and frees it. */
  private discardAt(i: i32): void {
    const list = this.regions;
    const r = list[i];
    for (let j = i; j < list.length - 1; j++) list[j] = list[j + 1];
    list.pop();
    r.release();
    dispose(r);
  }

  /** Makes `addr` a region boundary: a region spanning it is split in two there. */
  private splitAt(addr: u32): void {
    const r = this.regionAt(addr);
    if (r === null || r.start === addr) return;
    const tail = r.part(addr, r.end, r.prot);
    r.end = addr;
    this.insert(tail);
  }

  /** Merges neighbouring regions that continue each other (after mmap, mprotect, mremap), as Linux merges VMAs. */
  private coalesce(): void {
    let i = 0;
    while (i + 1 < this.regions.length) {
      const r = this.regions[i];
      const next = this.regions[i + 1];
      if (r.continuedBy(next)) {
        r.end = next.end;
        this.discardAt(i + 1);
      } else {
        i++;
      }
    }
  }

  /** Adds a region; false when it overlaps another or reaches the kernel. */
  addRegion(start: u32, end: u32, prot: i32, name: string): boolean {
    return this.addPrepared(new Region(start, end, prot, name));
  }

  /**
   * Adds the region `r`, made by the caller (its object, offset and sharing set), merging it
   * with neighbours it continues; false when it overlaps another region or reaches the kernel
   * (then `r` is released and freed).
   */
  addPrepared(r: Region): boolean {
    if (r.end <= r.start || r.end > USER_END || !this.rangeFree(r.start, r.end)) {
      r.release();
      dispose(r);
      return false;
    }
    this.insert(r);
    this.coalesce();
    return true;
  }

  /**
   * Adds a region of the executable `file` whose pages come from `image` (pages indexed by the
   * file's page numbers, `filePage` at `start`) on first touch, or — `image` null — that the
   * caller fills; false when it overlaps another region or reaches the kernel.
   */
  addImageRegion(start: u32, end: u32, prot: i32, image: MemoryObject | null, filePage: u32, file: MappedFile | null): boolean {
    const r = new Region(start, end, prot, "image");
    if (image !== null) r.object = image.acquire();
    if (file !== null) r.file = file.acquire();
    r.offset = filePage;
    return this.addPrepared(r);
  }

  /** The first mapped page address in [va, end), or `end` (spans without a page table are skipped). */
  nextMapped(va: u32, end: u32): u32 {
    return nextMappedIn(this.root, va, end);
  }

  /** Page-table permissions for `prot`; PROT_NONE pages stay mapped without access, so every access faults (the kernel's too: -EFAULT). */
  private pageFlags(prot: i32): i32 {
    if ((prot & Prot.All) === 0) return PageFlags.NoAccess;
    let flags: i32 = PageFlags.User;
    if ((prot & Prot.Write) !== 0) flags |= PageFlags.Write;
    if ((prot & Prot.Exec) !== 0) flags |= PageFlags.Exec;
    return flags;
  }

  /**
   * Permissions of `page` mapped in `r`: the region's own in a shared region, or for a private
   * page this space alone holds; read-only for a page shared copy-on-write (with another
   * process, or with the memory object it came from).
   */
  private flagsFor(r: Region, page: u32): i32 {
    return this.pageFlags(r.shared || pageRefCount(page) === 1 ? r.prot : r.prot & ~Prot.Write);
  }

  /** Maps a fresh zeroed page at `va` with the permissions `prot`; returns its physical address or 0. */
  mapZeroPage(va: u32, prot: i32): u32 {
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) return 0;
    memset(phys + KERNEL_BASE, 0, PAGE_BYTES);
    if (!mapPageIn(this.root, pageOf(va), phys, this.pageFlags(prot))) {
      freePages(phys, 0);
      return 0;
    }
    pageGet(phys);
    this.pagesMapped++;
    return phys;
  }

  /** Maps the page `phys`, which others hold too (the vsyscall page), at `va` with `prot`; false when out of memory. */
  mapSharedPage(va: u32, phys: u32, prot: i32): boolean {
    if (!mapPageIn(this.root, va, phys, this.pageFlags(prot))) return false;
    pageGet(phys);
    this.pagesMapped++;
    return true;
  }

  /** Physical address behind a user address, or NOT_MAPPED. */
  translate(va: u32): u32 {
    return translateIn(this.root, va);
  }

  /**
   * Serves a user page fault: demand-zero for untouched anonymous pages, the memory object's
   * page for the others, copy-on-write for a write to a shared page of a writable private
   * region. False when the access is not allowed (or memory is exhausted).
   */
  handleFault(addr: u32, write: boolean, present: boolean): boolean {
    const r = this.regionAt(addr);
    if (r === null || (r.prot & Prot.All) === 0) return false;
    if (write && (r.prot & Prot.Write) === 0) return false;
    const va = pageOf(addr);
    if (!present) {
      const o = r.object;
      if (o === null) return this.mapZeroPage(va, r.prot) !== 0;
      const phys = o.pageAt(r.pageIndex(va));
      if (phys === PAGE_ZERO) return this.mapZeroPage(va, r.prot) !== 0;
      if (phys === 0 || phys === PAGE_PAST_END) return false;
      const flags = this.pageFlags(r.shared ? r.prot : r.prot & ~Prot.Write);
      if (!mapPageIn(this.root, va, phys, flags)) return false;
      pageGet(phys);
      this.pagesMapped++;
      if (!write || r.shared) return true;
    } else if (!write) {
      return false;
    } else if (r.shared) {
      return protectPageIn(this.root, va, this.pageFlags(r.prot));
    }
    return this.copyOnWrite(va, r.prot);
  }

  /** Whether `addr` lies in a region past the end of the memory object it maps (an access there is a bus error). */
  pastObjectEnd(addr: u32): boolean {
    const r = this.regionAt(addr);
    if (r === null) return false;
    const o = r.object;
    return o !== null && r.pageIndex(addr) >= o.pageLimit();
  }

  /** Breaks the sharing of the page at `va`: the last user keeps it, others get a copy. */
  private copyOnWrite(va: u32, prot: i32): boolean {
    const old = this.translate(va);
    if (old === NOT_MAPPED) return false;
    const oldPage = pageOf(old);
    this.cowFaults++;
    if (pageRefCount(oldPage) === 1) return protectPageIn(this.root, va, this.pageFlags(prot));
    const fresh = allocPages(0, Zone.Normal);
    if (fresh === 0) return false;
    memmove(fresh + KERNEL_BASE, oldPage + KERNEL_BASE, PAGE_BYTES);
    if (!mapPageIn(this.root, va, fresh, this.pageFlags(prot))) { freePages(fresh, 0); return false; }
    pageGet(fresh);
    pagePut(oldPage);
    this.pagesCopied++;
    const h = pageCopiedHook;
    if (h !== null) h(this, va, oldPage, fresh);
    return true;
  }

  /**
   * A copy of this address space for fork: same regions; shared regions map the same pages in
   * both; every other mapped page is shared too and, in writable regions, mapped read-only in
   * both so the first write copies it. Null on exhaustion.
   */
  fork(): AddressSpace | null {
    const child = newAddressSpace();
    if (child === null) return null;
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    child.setInitialStack(this.argStart, this.argEnd, this.envEnd, this.startStack);
    const exe = this.exeFile;
    if (exe !== null) child.exeFile = exe.acquire();
    for (const r of this.regions) {
      child.regions.push(r.part(r.start, r.end, r.prot));
      const flags = this.pageFlags(r.shared ? r.prot : r.prot & ~Prot.Write);
      for (let va = this.nextMapped(r.start, r.end); va < r.end; va = this.nextMapped(va + PAGE_BYTES, r.end)) {
        const page = pageOf(this.translate(va));
        if (!r.shared && (r.prot & Prot.Write) !== 0) protectPageIn(this.root, va, flags);
        if (!mapPageIn(child.root, va, page, flags)) { child.destroy(); return null; }
        pageGet(page);
        child.pagesMapped++;
      }
    }
    return child;
  }

  /** Unmaps the pages of [lo, hi) (the regions stay): each mapping's reference is dropped. */
  private dropPages(lo: u32, hi: u32): void {
    for (let va = this.nextMapped(lo, hi); va < hi; va = this.nextMapped(va + PAGE_BYTES, hi)) {
      const pa = unmapPageIn(this.root, va);
      if (pa !== NOT_MAPPED) { pagePut(pageOf(pa)); this.pagesMapped--; }
    }
  }

  /**
   * Unmaps [start, end): pages are let go and regions trimmed, split or removed. Returns 0
   * (unmapping nothing is not an error, as on Linux).
   */
  unmapRange(start: u32, end: u32): i32 {
    if (end <= start) return 0;
    this.splitAt(start);
    this.splitAt(end);
    const i = this.firstEndingAfter(start);
    while (i < this.regions.length && this.regions[i].start < end) {
      const r = this.regions[i];
      this.dropPages(r.start, r.end);
      this.discardAt(i);
    }
    return 0;
  }

  /**
   * madvise(MADV_DONTNEED): lets go of the pages mapped in [start, end) and keeps the regions, so
   * the next touch reads zeros (anonymous memory) or the memory object's page again.
   */
  discardPages(start: u32, end: u32): void {
    for (let i = this.firstEndingAfter(start); i < this.regions.length && this.regions[i].start < end; i++) {
      const r = this.regions[i];
      this.dropPages(r.start > start ? r.start : start, r.end < end ? r.end : end);
    }
  }

  /**
   * mprotect: changes the protection of [start, end), splitting regions at the edges, and
   * updates mapped pages (pages shared copy-on-write stay read-only until written). -ENOMEM when
   * part of the range is not mapped by any region, -EACCES when a region may not get `prot`.
   */
  protectRange(start: u32, end: u32, prot: i32): i32 {
    if (!this.rangeCovered(start, end)) return -12;
    for (let i = this.firstEndingAfter(start); i < this.regions.length && this.regions[i].start < end; i++) {
      if ((prot & ~this.regions[i].maxProt) !== 0) return -13;
    }
    this.splitAt(start);
    this.splitAt(end);
    for (let i = this.firstEndingAfter(start); i < this.regions.length && this.regions[i].start < end; i++) {
      const r = this.regions[i];
      r.prot = prot;
      for (let va = this.nextMapped(r.start, r.end); va < r.end; va = this.nextMapped(va + PAGE_BYTES, r.end)) {
        protectPageIn(this.root, va, this.flagsFor(r, pageOf(this.translate(va))));
      }
    }
    this.coalesce();
    return 0;
  }

  /** Grows the region ending at `end` to `newEnd` when nothing lies in between; false otherwise. */
  growRegionEndingAt(end: u32, newEnd: u32): boolean {
    const r = end === 0 ? null : this.regionAt(end - 1);
    if (r === null || r.end !== end || newEnd > USER_END || !this.rangeFree(end, newEnd)) return false;
    r.end = newEnd;
    this.coalesce();
    return true;
  }

  /**
   * mremap's move: the pages of [from, from + oldLen) — which lie in one region — go, page
   * tables and all, to [to, to + oldLen) (a free range), and the moved part of the region,
   * grown or shrunk to `newLen`, with them. `keepOld` (MREMAP_DONTUNMAP) leaves the old range
   * mapped but empty; `oldLen` 0 maps the same pages of a shared region a second time. False
   * (and nothing changed) when a page table cannot be allocated.
   */
  moveRange(from: u32, oldLen: u32, to: u32, newLen: u32, keepOld: boolean): boolean {
    const r = this.regionAt(from);
    if (r === null) return false;
    const moved = r.part(from, from + oldLen, r.prot);
    if (!this.movePages(r, from, to, oldLen)) {
      moved.release();
      dispose(moved);
      return false;
    }
    if (oldLen !== 0 && !keepOld) {
      this.splitAt(from);
      this.splitAt(from + oldLen);
      this.discardAt(this.firstEndingAfter(from));
    }
    moved.start = to;
    moved.end = to + newLen;
    this.insert(moved);
    this.coalesce();
    return true;
  }

  /** Moves the mapped pages of [from, from + len) of `r` to `to` onward; on failure puts back what moved and returns false. */
  private movePages(r: Region, from: u32, to: u32, len: u32): boolean {
    for (let va = this.nextMapped(from, from + len); va < from + len; va = this.nextMapped(va + PAGE_BYTES, from + len)) {
      const page = pageOf(unmapPageIn(this.root, va));
      if (!mapPageIn(this.root, to + (va - from), page, this.flagsFor(r, page))) {
        mapPageIn(this.root, va, page, this.flagsFor(r, page)); // its table is still there
        for (let back = this.nextMapped(to, to + (va - from)); back < to + (va - from); back = this.nextMapped(back + PAGE_BYTES, to + (va - from))) {
          const p = pageOf(unmapPageIn(this.root, back));
          mapPageIn(this.root, from + (back - to), p, this.flagsFor(r, p));
        }
        return false;
      }
    }
    return true;
  }

  /** One more task runs in this address space (clone with CLONE_VM). */
  acquire(): void {
    this.users++;
  }

  /** A task lets go of this address space: the last one frees it. */
  release(): void {
    this.users--;
    if (this.users === 0) this.destroy();
  }

  /** Frees every user page, the regions, the page tables and the address space itself (no task uses it). */
  destroy(): void {
    for (const r of this.regions) {
      this.dropPages(r.start, r.end);
      r.release();
      dispose(r);
    }
    dispose(this.regions);
    this.setExeFile(null);
    freeAddressSpaceRoot(this.root);
    dispose(this);
  }
}

/** A new, empty user address space; null when memory is exhausted. */
export function newAddressSpace(): AddressSpace | null {
  const root = newAddressSpaceRoot();
  if (root === 0) return null;
  return new AddressSpace(root);
}

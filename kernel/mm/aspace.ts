/**
 * User address spaces: a root page table sharing the kernel half, and the regions (VMAs) that
 * say which user addresses are valid and how. Pages of a region appear on first touch
 * (demand-zero, or from an executable's shared image pages); a fault outside every region is the
 * process's error, never the kernel's. Walks over a region's pages skip the spans that have no
 * page table, so a sparse region (the 8 MiB stack reservation) costs little at fork and exit.
 */
import { PAGE_BYTES, PageFlags, mapPageIn, unmapPageIn, protectPageIn, newAddressSpaceRoot, freeAddressSpaceRoot, translateIn, nextMappedIn, NOT_MAPPED } from "../arch/x86/paging";
import { pageGet, pagePut, pageRefCount } from "./pageref";
import { KERNEL_BASE } from "../arch/x86/layout";
import { allocPages, freePages, Zone } from "./pmm";
import { ImageSegment } from "./image";

/** Highest user address + 1. */
export const USER_END: u32 = 0xc0000000;
/** Top of the initial user stack (one page below the kernel keeps a gap). */
export const USER_STACK_TOP: u32 = 0xbffff000;
/** Maximum user stack size. */
export const USER_STACK_BYTES: u32 = 8 << 20;
/** Where anonymous mmap allocations start. */
export const MMAP_BASE: u32 = 0x40000000;

/** Region permissions. */
export const enum Prot { Read = 1, Write = 2, Exec = 4 }

/** A range of user addresses with permissions. */
export class Region {
  /** Where untouched pages come from: an executable's shared segment pages, or zeros when null. */
  image: ImageSegment | null = null;
  constructor(public start: u32, public end: u32, public prot: i32, public name: string) {}

  /** [start, end) of this region with protection `prot` (the same name and page source). */
  part(start: u32, end: u32, prot: i32): Region {
    const r = new Region(start, end, prot, this.name);
    r.image = this.image;
    return r;
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

/** One process's address space (shared by its threads, and by a vfork child until it execs). */
export class AddressSpace {
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
  constructor(readonly root: u32) {}

  /** Records the initial stack's layout (exec builds it; fork copies it). */
  setInitialStack(argStart: u32, argEnd: u32, envEnd: u32, startStack: u32): void {
    this.argStart = argStart;
    this.argEnd = argEnd;
    this.envEnd = envEnd;
    this.startStack = startStack;
  }

  /** The region containing `addr`, or null. */
  regionAt(addr: u32): Region | null {
    for (const r of this.regions) if (addr >= r.start && addr < r.end) return r;
    return null;
  }

  /**
   * The lowest page-aligned address at or above `from` where `size` bytes fit below USER_END
   * without overlapping a region, or 0 when there is none. First fit, so an unmapped range is
   * found again (a bump pointer ran out of address space after 2 GiB of mmap/munmap cycles).
   */
  findFreeRange(size: u32, from: u32): u32 {
    let start = from;
    for (;;) {
      if (size === 0 || start >= USER_END || size > USER_END - start) return 0;
      let moved = false;
      for (const r of this.regions) {
        if (start < r.end && start + size > r.start) {
          start = ((r.end + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1)) >>> 0;
          moved = true;
        }
      }
      if (!moved) return start;
    }
  }

  /** Adds a region; false when it overlaps another or reaches the kernel. */
  addRegion(start: u32, end: u32, prot: i32, name: string): boolean {
    if (end <= start || end > USER_END) return false;
    for (const r of this.regions) if (start < r.end && end > r.start) return false;
    this.regions.push(new Region(start, end, prot, name));
    return true;
  }

  /**
   * Adds a region whose pages come from `image` (an executable's segment) on first touch;
   * false when it overlaps another region or reaches the kernel.
   */
  addImageRegion(start: u32, end: u32, prot: i32, image: ImageSegment): boolean {
    if (!this.addRegion(start, end, prot, "image")) return false;
    this.regions[this.regions.length - 1].image = image;
    return true;
  }

  /** The first mapped page address in [va, end), or `end` (spans without a page table are skipped). */
  nextMapped(va: u32, end: u32): u32 {
    return nextMappedIn(this.root, va, end);
  }

  /**
   * Maps the shared image page of `r` at `va`: read-only in a writable region, so the first
   * write copies it. False when out of memory.
   */
  private mapImagePage(r: Region, image: ImageSegment, va: u32): boolean {
    const phys = image.page(va);
    if (phys === 0) return false;
    if (!mapPageIn(this.root, va, phys, this.pageFlags(r.prot & ~Prot.Write))) return false;
    pageGet(phys);
    this.pagesMapped++;
    return true;
  }

  /** Maps a fresh zeroed page at `va` with the region's permissions; returns its physical address or 0. */
  mapZeroPage(va: u32, prot: i32): u32 {
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) return 0;
    memset(phys + KERNEL_BASE, 0, PAGE_BYTES);
    let flags: i32 = PageFlags.User;
    if ((prot & Prot.Write) !== 0) flags |= PageFlags.Write;
    if ((prot & Prot.Exec) !== 0) flags |= PageFlags.Exec;
    if (!mapPageIn(this.root, (va & ~(PAGE_BYTES - 1)) >>> 0, phys, flags)) {
      freePages(phys, 0);
      return 0;
    }
    pageGet(phys);
    this.pagesMapped++;
    return phys;
  }

  /** Physical address behind a user address, or NOT_MAPPED. */
  translate(va: u32): u32 {
    return translateIn(this.root, va);
  }

  /**
   * Serves a user page fault: demand-zero for untouched pages of a region, copy-on-write for a
   * write to a shared page of a writable region. False when the access is not allowed.
   */
  handleFault(addr: u32, write: boolean, present: boolean): boolean {
    const r = this.regionAt(addr);
    if (r === null) return false;
    if (write && (r.prot & Prot.Write) === 0) return false;
    const va = (addr & ~(PAGE_BYTES - 1)) >>> 0;
    if (!present) {
      const image = r.image;
      if (image === null || !image.hasFileBytes(va)) return this.mapZeroPage(addr, r.prot) !== 0;
      if (!this.mapImagePage(r, image, va)) return false;
      if (!write) return true;
    } else if (!write) {
      return false;
    }
    return this.copyOnWrite(va, r.prot);
  }

  private pageFlags(prot: i32): i32 {
    let flags: i32 = PageFlags.User;
    if ((prot & Prot.Write) !== 0) flags |= PageFlags.Write;
    if ((prot & Prot.Exec) !== 0) flags |= PageFlags.Exec;
    return flags;
  }

  /** Breaks the sharing of the page at `va`: the last user keeps it, others get a copy. */
  private copyOnWrite(va: u32, prot: i32): boolean {
    const old = this.translate(va);
    if (old === NOT_MAPPED) return false;
    const oldPage = (old & ~(PAGE_BYTES - 1)) >>> 0;
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
   * A copy of this address space for fork: same regions; every mapped page is shared and, in
   * writable regions, mapped read-only in both so the first write copies it. Null on exhaustion.
   */
  fork(): AddressSpace | null {
    const child = newAddressSpace();
    if (child === null) return null;
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    child.setInitialStack(this.argStart, this.argEnd, this.envEnd, this.startStack);
    for (const r of this.regions) {
      child.regions.push(r.part(r.start, r.end, r.prot));
      const shared = this.pageFlags(r.prot & ~Prot.Write);
      for (let va = this.nextMapped(r.start, r.end); va < r.end; va = this.nextMapped(va + PAGE_BYTES, r.end)) {
        const pa = this.translate(va);
        const page = (pa & ~(PAGE_BYTES - 1)) >>> 0;
        if ((r.prot & Prot.Write) !== 0) protectPageIn(this.root, va, shared);
        if (!mapPageIn(child.root, va, page, shared)) { child.destroy(); return null; }
        pageGet(page);
        child.pagesMapped++;
      }
    }
    return child;
  }


  /**
   * Unmaps [start, end): pages are freed and regions trimmed or split. Returns 0 (unmapping
   * nothing is not an error, as on Linux).
   */
  unmapRange(start: u32, end: u32): i32 {
    const kept: Region[] = [];
    for (const r of this.regions) {
      if (r.end <= start || r.start >= end) { kept.push(r); continue; }
      const lo = r.start > start ? r.start : start;
      const hi = r.end < end ? r.end : end;
      for (let va = this.nextMapped(lo, hi); va < hi; va = this.nextMapped(va + PAGE_BYTES, hi)) {
        const pa = unmapPageIn(this.root, va);
        if (pa !== NOT_MAPPED) { pagePut(pa); this.pagesMapped--; }
      }
      if (r.start < lo) kept.push(r.part(r.start, lo, r.prot));
      if (hi < r.end) kept.push(r.part(hi, r.end, r.prot));
    }
    this.regions = kept;
    return 0;
  }

  /**
   * mprotect: changes the protection of [start, end), splitting regions at the edges, and
   * updates mapped pages (shared copy-on-write pages stay read-only until written).
   * -ENOMEM when part of the range is not mapped by any region.
   */
  protectRange(start: u32, end: u32, prot: i32): i32 {
    for (let va = start; va < end; va += PAGE_BYTES) if (this.regionAt(va) === null) return -12;
    const out: Region[] = [];
    for (const r of this.regions) {
      if (r.end <= start || r.start >= end) { out.push(r); continue; }
      const lo = r.start > start ? r.start : start;
      const hi = r.end < end ? r.end : end;
      if (r.start < lo) out.push(r.part(r.start, lo, r.prot));
      out.push(r.part(lo, hi, prot));
      if (hi < r.end) out.push(r.part(hi, r.end, r.prot));
      for (let va = this.nextMapped(lo, hi); va < hi; va = this.nextMapped(va + PAGE_BYTES, hi)) {
        const pa = this.translate(va);
        const shared = pageRefCount((pa & ~(PAGE_BYTES - 1)) >>> 0) > 1;
        protectPageIn(this.root, va, this.pageFlags(shared ? prot & ~Prot.Write : prot));
      }
    }
    this.regions = out;
    return 0;
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

  /** Frees every user page and the page tables (an address space no task uses). */
  destroy(): void {
    for (const r of this.regions) {
      for (let va = this.nextMapped(r.start, r.end); va < r.end; va = this.nextMapped(va + PAGE_BYTES, r.end)) {
        pagePut((this.translate(va) & ~(PAGE_BYTES - 1)) >>> 0);
      }
    }
    freeAddressSpaceRoot(this.root);
    this.regions = [];
  }
}

/** A new, empty user address space; null when memory is exhausted. */
export function newAddressSpace(): AddressSpace | null {
  const root = newAddressSpaceRoot();
  if (root === 0) return null;
  return new AddressSpace(root);
}

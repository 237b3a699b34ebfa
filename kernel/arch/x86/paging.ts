/**
 * x86 page tables in both formats the kernel runs with: classic two-level tables (4 KiB pages,
 * 4 MiB PSE pages for the direct map) and PAE three-level tables (2 MiB large pages, and the NX
 * bit when the CPU has it). Everything else in the kernel uses the format-neutral functions
 * here: mapPage, unmapPage, protectPage, translate.
 *
 * Page-table pages come from an allocator the memory manager installs (arch code does not
 * depend on mm), and are reached through the kernel's direct map.
 */

import { KERNEL_BASE } from "./layout";

/** Where the kernel's direct map of physical memory begins. */
export const KERNEL_VIRTUAL_BASE: u32 = KERNEL_BASE;
/** Bytes in a page. */
export const PAGE_BYTES: u32 = 4096;

/**
 * Mapping permissions, format-neutral. Absence of Exec means no-execute where NX exists.
 * NoAccess keeps the page mapped for the kernel's bookkeeping (translate, unmap and the walks see
 * it) in an entry the CPU takes as not present, so every access faults — a PROT_NONE page, whose
 * contents come back when its protection does.
 */
export const enum PageFlags { None = 0, Write = 1, User = 2, Exec = 4, Global = 8, NoCache = 16, NoAccess = 32 }

const PTE_PRESENT: u32 = 0x1;
const PTE_WRITE: u32 = 0x2;
const PTE_USER: u32 = 0x4;
const PTE_PCD: u32 = 0x10;
const PTE_LARGE: u32 = 0x80;
const PTE_GLOBAL: u32 = 0x100;
/** A software bit (ignored by the CPU): the entry maps a page without access (PageFlags.NoAccess). */
const PTE_NO_ACCESS: u32 = 0x400;
const NX_BIT: u64 = 0x8000000000000000n;
const ADDR_MASK: u64 = 0x000ffffffffff000n;
const CR4_PGE: u32 = 0x80;

/** Returned by translate() for unmapped addresses. */
export const NOT_MAPPED: u32 = 0xffffffff;

/** @linkname paging_enable_pae */
declare function pagingEnablePae(pdptPhys: u32, enableNx: u32): void;

let pae = false;
let nxActive = false;
let globalPages = false;
/** Root of the kernel's tables: the page directory (two-level) or the PDPT (PAE). */
let rootPhys: u32 = 0;
/** The page directory covering the kernel half (two-level: the root itself). */
let kernelDirPhys: u32 = 0;
let tablePages: u32 = 0;
let allocTable: (() => u32) | null = null;

/** Is PAE paging active? */
export function paeEnabled(): boolean {
  return pae;
}

/** Is no-execute enforced? */
export function nxEnabled(): boolean {
  return nxActive;
}

/** Physical address of the active root table (what CR3 holds). */
export function kernelRoot(): u32 {
  return rootPhys;
}

/** Page-table pages allocated so far. */
export function pageTablePages(): u32 {
  return tablePages;
}

function virt(phys: u32): u32 {
  return phys + KERNEL_VIRTUAL_BASE;
}

/** A zeroed page-table page, or 0 when memory is exhausted. */
function newTable(): u32 {
  const alloc = allocTable;
  if (alloc === null) panic("paging: no page-table allocator installed");
  const p = alloc();
  if (p === 0) return 0;
  memset(virt(p), 0, PAGE_BYTES);
  tablePages++;
  return p;
}

function entrySize(): u32 {
  return pae ? 8 : 4;
}

function readEntry(table: u32, index: u32): u64 {
  const a = virt(table) + index * entrySize();
  return pae ? load64(a) : BigInt(load32(a));
}

function writeEntry(table: u32, index: u32, v: u64): void {
  const a = virt(table) + index * entrySize();
  if (pae) store64(a, v);
  else store32(a, u32(Number(v & 0xffffffffn)));
}

function present(e: u64): boolean {
  return (e & 1n) !== 0n;
}

/** Does the leaf entry map a page (present, or kept without access)? */
function leafMapped(e: u64): boolean {
  return (e & BigInt((PTE_PRESENT | PTE_NO_ACCESS) >>> 0)) !== 0n;
}

function entryPhys(e: u64): u32 {
  return u32(Number(e & ADDR_MASK));
}

/** Hardware bits for a leaf entry with the given permissions. */
function leafBits(flags: i32, large: boolean): u64 {
  if ((flags & PageFlags.NoAccess) !== 0) return BigInt(PTE_NO_ACCESS);
  let b = PTE_PRESENT;
  if ((flags & PageFlags.Write) !== 0) b |= PTE_WRITE;
  if ((flags & PageFlags.User) !== 0) b |= PTE_USER;
  if ((flags & PageFlags.NoCache) !== 0) b |= PTE_PCD;
  if ((flags & PageFlags.Global) !== 0 && globalPages) b |= PTE_GLOBAL;
  if (large) b |= PTE_LARGE;
  let e: u64 = BigInt(b >>> 0);
  if ((flags & PageFlags.Exec) === 0 && nxActive) e |= NX_BIT;
  return e;
}

/** Bits of a non-leaf entry (PDE pointing at a page table): permissive; leaves decide. */
function tableBits(user: boolean): u64 {
  return BigInt((PTE_PRESENT | PTE_WRITE | (user ? PTE_USER : 0)) >>> 0);
}

/** The page directory that covers `va` under `root`, or 0 when it does not exist. */
function directoryFor(root: u32, va: u32, create: boolean): u32 {
  if (!pae) return root;
  const i = va >>> 30;
  const e = readEntry(root, i);
  if (present(e)) return entryPhys(e);
  if (!create) return 0;
  const pd = newTable();
  if (pd === 0) return 0;
  writeEntry(root, i, BigInt((pd | PTE_PRESENT) >>> 0)); // PDPTEs take no W/U bits
  return pd;
}

function dirIndex(va: u32): u32 {
  return pae ? (va >>> 21) & 511 : va >>> 22;
}

function tableIndex(va: u32): u32 {
  return pae ? (va >>> 12) & 511 : (va >>> 12) & 1023;
}

/** Size of a large page in the active format. */
export function largePageBytes(): u32 {
  return pae ? 0x200000 : 0x400000;
}

/** The page table for `va`, created on demand; 0 if a large page covers va or creation was not asked. */
function tableFor(root: u32, va: u32, create: boolean, user: boolean): u32 {
  const dir = directoryFor(root, va, create);
  if (dir === 0) return 0;
  const di = dirIndex(va);
  const pde = readEntry(dir, di);
  if (present(pde)) {
    if ((pde & BigInt(PTE_LARGE)) !== 0n) return 0;
    return entryPhys(pde);
  }
  if (!create) return 0;
  const pt = newTable();
  if (pt === 0) return 0;
  writeEntry(dir, di, tableBits(user) | BigInt(pt));
  return pt;
}

/**
 * Maps the 4 KiB page at `va` to physical `pa` in the tables under `root`; false when a page
 * table was needed and memory is exhausted (user mappings then fail the fault or the call).
 */
export function mapPageIn(root: u32, va: u32, pa: u32, flags: i32): boolean {
  // A table in the user half is a user table even when its first page is not user-accessible
  // (a PROT_NONE page): the leaf entries decide.
  const pt = tableFor(root, va, true, (flags & PageFlags.User) !== 0 || va < KERNEL_VIRTUAL_BASE);
  if (pt === 0) return false;
  writeEntry(pt, tableIndex(va), leafBits(flags, false) | BigInt((pa & 0xfffff000) >>> 0));
  invlpg(va);
  return true;
}

/** Maps one 4 KiB kernel page (the kernel cannot go on without its mappings). */
export function mapPage(va: u32, pa: u32, flags: i32): void {
  if (!mapPageIn(rootPhys, va, pa, flags)) panic(`paging: no memory for the page table of ${va}`);
}

/** Removes the mapping of `va`; returns the physical page it mapped, or NOT_MAPPED. */
export function unmapPage(va: u32): u32 {
  return unmapPageIn(rootPhys, va);
}

/** Removes the mapping of `va` under `root`; returns the physical page, or NOT_MAPPED. */
export function unmapPageIn(root: u32, va: u32): u32 {
  const pt = tableFor(root, va, false, false);
  if (pt === 0) return NOT_MAPPED;
  const i = tableIndex(va);
  const e = readEntry(pt, i);
  if (!leafMapped(e)) return NOT_MAPPED;
  writeEntry(pt, i, 0n);
  invlpg(va);
  return entryPhys(e);
}

/** Changes the permissions of a mapped 4 KiB page; false when it is not mapped. */
export function protectPage(va: u32, flags: i32): boolean {
  return protectPageIn(rootPhys, va, flags);
}

/** Changes the permissions of a mapped page under `root`; false when it is not mapped. */
export function protectPageIn(root: u32, va: u32, flags: i32): boolean {
  const pt = tableFor(root, va, false, false);
  if (pt === 0) return false;
  const i = tableIndex(va);
  const e = readEntry(pt, i);
  if (!leafMapped(e)) return false;
  writeEntry(pt, i, leafBits(flags, false) | BigInt(entryPhys(e)));
  invlpg(va);
  return true;
}

/** The physical address `va` maps to in the kernel's tables, or NOT_MAPPED. */
export function translate(va: u32): u32 {
  return translateIn(rootPhys, va);
}

/** The physical address `va` maps to in the tables under `root`, or NOT_MAPPED. */
export function translateIn(root: u32, va: u32): u32 {
  const dir = directoryFor(root, va, false);
  if (dir === 0) return NOT_MAPPED;
  const pde = readEntry(dir, dirIndex(va));
  if (!present(pde)) return NOT_MAPPED;
  if ((pde & BigInt(PTE_LARGE)) !== 0n) return entryPhys(pde) + (va & (largePageBytes() - 1));
  const pte = readEntry(entryPhys(pde), tableIndex(va));
  if (!leafMapped(pte)) return NOT_MAPPED;
  return entryPhys(pte) + (va & 0xfff);
}

/**
 * The first address in [va, end) (page-aligned `va`) at which a 4 KiB page is mapped under
 * `root`, or `end` when there is none. Spans without a page table are skipped whole and a table
 * is scanned entry by entry, so a walk over a sparse user range (an 8 MiB stack with a few pages)
 * costs one look per page table instead of one full translation per page.
 */
export function nextMappedIn(root: u32, va: u32, end: u32): u32 {
  let a = va;
  while (a < end) {
    const span = largePageBytes();
    const spanEnd = ((a + span) & ~(span - 1)) >>> 0;
    const next = spanEnd > a && spanEnd < end ? spanEnd : end;
    const dir = directoryFor(root, a, false);
    const pde = dir === 0 ? 0n : readEntry(dir, dirIndex(a));
    if (present(pde)) {
      if ((pde & BigInt(PTE_LARGE)) !== 0n) return a;
      const pt = entryPhys(pde);
      for (; a < next; a += PAGE_BYTES) if (leafMapped(readEntry(pt, tableIndex(a)))) return a;
    }
    a = next;
  }
  return end;
}

let freeTable: ((phys: u32) => void) | null = null;

/** Installs the allocator for page-table pages after bring-up (and how to free them). */
export function setPageTableAllocator(alloc: () => u32, free: (phys: u32) => void): void {
  allocTable = alloc;
  freeTable = free;
}

/**
 * A new root table for a user address space: the user half empty, the kernel half shared with
 * every other address space (the kernel's page directory entries never change after boot).
 */
export function newAddressSpaceRoot(): u32 {
  const root = newTable();
  if (root === 0) return 0;
  if (pae) {
    writeEntry(root, 3, BigInt((kernelDirPhys | PTE_PRESENT) >>> 0));
  } else {
    for (let i: u32 = 768; i < 1024; i++) writeEntry(root, i, readEntry(rootPhys, i));
  }
  return root;
}

/** Frees a user address space's page tables (not the pages they map) and its root. */
export function freeAddressSpaceRoot(root: u32): void {
  const free = freeTable;
  if (free === null) return;
  if (pae) {
    for (let i: u32 = 0; i < 3; i++) {
      const e = readEntry(root, i);
      if (!present(e)) continue;
      const pd = entryPhys(e);
      for (let j: u32 = 0; j < 512; j++) {
        const pde = readEntry(pd, j);
        if (present(pde) && (pde & BigInt(PTE_LARGE)) === 0n) { free(entryPhys(pde)); tablePages--; }
      }
      free(pd);
      tablePages--;
    }
  } else {
    for (let i: u32 = 0; i < 768; i++) {
      const pde = readEntry(root, i);
      if (present(pde) && (pde & BigInt(PTE_LARGE)) === 0n) { free(entryPhys(pde)); tablePages--; }
    }
  }
  free(root);
  tablePages--;
}

/** The raw leaf entry for `va` (for tests): 0 when unmapped. */
export function leafEntry(va: u32): u64 {
  const dir = directoryFor(rootPhys, va, false);
  if (dir === 0) return 0n;
  const pde = readEntry(dir, dirIndex(va));
  if (!present(pde) || (pde & BigInt(PTE_LARGE)) !== 0n) return pde;
  return readEntry(entryPhys(pde), tableIndex(va));
}

/** Is the leaf for `va` marked no-execute? */
export function isNoExecute(va: u32): boolean {
  return (leafEntry(va) & NX_BIT) !== 0n;
}

/** Is the leaf for `va` writable? */
export function isWritable(va: u32): boolean {
  return (leafEntry(va) & BigInt(PTE_WRITE)) !== 0n;
}

/** Describes how the kernel image is laid out, for section permissions. */
export class KernelImage {
  constructor(
    readonly textStart: u32, readonly textEnd: u32, readonly rodataEnd: u32, readonly end: u32,
  ) {}
}

/**
 * Builds the kernel's page tables and switches to them: the direct map of physical
 * [0, directMapBytes) (a multiple of largePageBytes()) at KERNEL_VIRTUAL_BASE in large pages, with the large pages holding the
 * kernel image split into 4 KiB pages so text is read-only and executable, rodata read-only,
 * and everything else non-executable. The boot identity map is gone afterwards.
 * [reserveStart, reserveEnd) is the kernel's page-granular area (vmalloc): with two-level
 * tables its page tables are created up front.
 */
export function pagingInit(usePae: boolean, useNx: boolean, usePge: boolean, directMapBytes: u32, image: KernelImage, tableAllocator: () => u32, reserveStart: u32, reserveEnd: u32): void {
  allocTable = tableAllocator;
  pae = usePae;
  nxActive = usePae && useNx;
  globalPages = usePge;
  const root = newTable();
  if (root === 0) panic("paging: no memory for the kernel's page tables");
  rootPhys = root;
  if (pae) {
    kernelDirPhys = newTable();
    if (kernelDirPhys === 0) panic("paging: no memory for the kernel's page directory");
    writeEntry(root, 3, BigInt((kernelDirPhys | PTE_PRESENT) >>> 0));
    // Identity map of the low 4 MiB, only while paging_enable_pae runs from physical addresses.
    const ident = newTable();
    if (ident === 0) panic("paging: no memory for the boot identity map");
    writeEntry(root, 0, BigInt((ident | PTE_PRESENT) >>> 0));
    writeEntry(ident, 0, BigInt((PTE_PRESENT | PTE_WRITE | PTE_LARGE) >>> 0));
    writeEntry(ident, 1, BigInt((0x200000 | PTE_PRESENT | PTE_WRITE | PTE_LARGE) >>> 0));
  } else {
    kernelDirPhys = root;
  }
  const large = largePageBytes();
  const imageLargeEnd = ((image.end - KERNEL_VIRTUAL_BASE + large - 1) & ~(large - 1)) >>> 0;
  for (let pa: u32 = 0; pa < directMapBytes; pa += large) {
    const va = KERNEL_VIRTUAL_BASE + pa;
    if (pa < imageLargeEnd) {
      for (let off: u32 = 0; off < large; off += PAGE_BYTES) mapKernelImagePage(va + off, pa + off, image);
    } else {
      writeEntry(kernelDirPhys, dirIndex(va), leafBits(PageFlags.Write | PageFlags.Global, true) | BigInt(pa));
    }
  }
  if (!pae) {
    // Two-level tables copy the kernel's directory entries into every address space, so every
    // page table the kernel half will ever need exists from the start (the vmalloc area).
    for (let va = reserveStart; va !== 0 && va < reserveEnd; va += 0x400000) tableFor(root, va, true, false);
  }
  if (pae) {
    pagingEnablePae(root, nxActive ? 1 : 0);
    writeEntry(root, 0, 0n);
    writeCr3(root); // reload the PDPTEs without the identity map
  } else {
    writeCr3(root);
  }
  if (globalPages) writeCr4(readCr4() | CR4_PGE);
}

function mapKernelImagePage(va: u32, pa: u32, image: KernelImage): void {
  let flags: i32 = PageFlags.Write | PageFlags.Global;
  if (va >= image.textStart && va < image.textEnd) flags = PageFlags.Exec | PageFlags.Global;
  else if (va >= image.textEnd && va < image.rodataEnd) flags = PageFlags.Global;
  const pt = tableFor(rootPhys, va, true, false);
  if (pt === 0) panic("paging: out of memory while mapping the kernel image");
  writeEntry(pt, tableIndex(va), leafBits(flags, false) | BigInt(pa));
}

/**
 * The kernel's virtual memory above the direct map: the vmalloc area (page-granular
 * allocations backed by any physical pages, each followed by an unmapped guard page), and
 * demand-zero regions whose pages are allocated on first touch. Also the kernel page-fault
 * policy: demand-zero faults are served, guard-page hits are reported as stack overflows.
 */
import { KERNEL_VIRTUAL_BASE, PAGE_BYTES, PageFlags, mapPage, unmapPage, NOT_MAPPED } from "../arch/x86/paging";
import { TrapFrame } from "../arch/x86/trapframe";
import { setGuardPageQuery, setPageFaultHook } from "../arch/x86/traps";
import { allocPages, freePages, Zone } from "./pmm";
import { rawLine } from "../lib/printk";

/** The vmalloc area: [VMALLOC_START, VMALLOC_END). */
export const VMALLOC_START: u32 = 0xf8000000;
export const VMALLOC_END: u32 = 0xff800000;

/** A live vmalloc allocation or demand-zero region. */
class Area {
  constructor(public start: u32, public pages: u32, public demandZero: boolean, public guard: boolean) {}
  /** One past the last byte of the area proper (the guard page, if any, starts here). */
  get end(): u32 {
    return this.start + this.pages * PAGE_BYTES;
  }
}

class VirtualMemory {
  areas: Area[] = [];
  next: u32 = VMALLOC_START;
  /** Freed ranges available for reuse: start/pages pairs (guard included). */
  holes: u32[] = [];
  demandFaults: u32 = 0;
  guardHits: u32 = 0;
  /** Start addresses of stack areas: their first page is a guard. */
  stackBases: u32[] = [];
  mappedPages: u32 = 0;
}
const vm = new VirtualMemory();

/** Statistics for tests and the monitor. */
export function vmDemandFaults(): u32 { return vm.demandFaults; }
/** Pages currently mapped in the vmalloc area. */
export function vmMappedPages(): u32 { return vm.mappedPages; }

function reserveRange(pages: u32): u32 {
  const span = pages + 1; // plus the guard page
  for (let i = 0; i < vm.holes.length; i += 2) {
    if (vm.holes[i + 1] >= span) {
      const start = vm.holes[i];
      vm.holes[i] = start + span * PAGE_BYTES;
      vm.holes[i + 1] -= span;
      if (vm.holes[i + 1] === 0) { // used up: the last pair takes its place (the list stays as long as the holes)
        const n = vm.holes.length;
        vm.holes[i] = vm.holes[n - 2];
        vm.holes[i + 1] = vm.holes[n - 1];
        vm.holes.pop();
        vm.holes.pop();
      }
      return start;
    }
  }
  if (VMALLOC_END - vm.next < span * PAGE_BYTES) return 0;
  const start = vm.next;
  vm.next += span * PAGE_BYTES;
  return start;
}

/** Maps `pages` fresh zeroed pages in the vmalloc area, followed by a guard page; returns the address or 0. */
export function vmalloc(bytes: u32): u32 {
  const pages = (bytes + PAGE_BYTES - 1) >>> 12;
  if (pages === 0) return 0;
  const start = reserveRange(pages);
  if (start === 0) return 0;
  for (let i: u32 = 0; i < pages; i++) {
    const pa = allocPages(0, Zone.High);
    const phys = pa !== 0 ? pa : allocPages(0, Zone.Normal);
    if (phys === 0) {
      for (let j: u32 = 0; j < i; j++) freePages(unmapPage(start + j * PAGE_BYTES), 0);
      return 0;
    }
    mapPage(start + i * PAGE_BYTES, phys, PageFlags.Write | PageFlags.Global);
    memset(start + i * PAGE_BYTES, 0, PAGE_BYTES);
    vm.mappedPages++;
  }
  vm.areas.push(new Area(start, pages, false, true));
  return start;
}

/**
 * Allocates a kernel stack of `bytes` in the vmalloc area with an unmapped guard page below it
 * (stacks grow down) as well as the usual one above; returns the lowest mapped address or 0.
 */
export function vmallocStack(bytes: u32): u32 {
  const pages = (bytes + PAGE_BYTES - 1) >>> 12;
  const start = reserveRange(pages + 1);
  if (start === 0) return 0;
  for (let i: u32 = 1; i <= pages; i++) {
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) {
      for (let j: u32 = 1; j < i; j++) freePages(unmapPage(start + j * PAGE_BYTES), 0);
      return 0;
    }
    mapPage(start + i * PAGE_BYTES, phys, PageFlags.Write | PageFlags.Global);
    vm.mappedPages++;
  }
  vm.areas.push(new Area(start, pages + 1, false, true));
  vm.stackBases.push(start);
  return start + PAGE_BYTES;
}

/** Frees a stack from vmallocStack (pass the address it returned). */
export function vfreeStack(lowest: u32): boolean {
  const base = lowest - PAGE_BYTES;
  for (let i = 0; i < vm.stackBases.length; i++) {
    if (vm.stackBases[i] === base) {
      vm.stackBases[i] = vm.stackBases[vm.stackBases.length - 1];
      vm.stackBases.pop();
      return vfree(base);
    }
  }
  return false;
}

/** Registers a demand-zero region of `bytes` in the vmalloc area: pages appear, zeroed, on first touch. */
export function vmallocDemandZero(bytes: u32): u32 {
  const pages = (bytes + PAGE_BYTES - 1) >>> 12;
  const start = reserveRange(pages);
  if (start === 0) return 0;
  vm.areas.push(new Area(start, pages, true, true));
  return start;
}

/** Unmaps and frees a vmalloc or demand-zero area; false when `addr` starts none. */
export function vfree(addr: u32): boolean {
  for (let i = 0; i < vm.areas.length; i++) {
    const a = vm.areas[i];
    if (a.start !== addr) continue;
    for (let p: u32 = 0; p < a.pages; p++) {
      const pa = unmapPage(a.start + p * PAGE_BYTES);
      if (pa !== NOT_MAPPED) {
        freePages(pa, 0);
        vm.mappedPages--;
      }
    }
    vm.holes.push(a.start);
    vm.holes.push(a.pages + 1);
    vm.areas[i] = vm.areas[vm.areas.length - 1];
    vm.areas.pop();
    dispose(a);
    return true;
  }
  return false;
}

function areaFor(addr: u32): Area | null {
  for (const a of vm.areas) if (addr >= a.start && addr < a.end + PAGE_BYTES) return a;
  return null;
}

/** Page-fault policy for kernel addresses; true when the fault was served. */
function handleKernelFault(frame: TrapFrame): boolean {
  const addr = readCr2();
  if (addr < KERNEL_VIRTUAL_BASE || (frame.errorCode & 1) !== 0) return false; // protection faults are real errors
  const a = areaFor(addr);
  if (a === null) return false;
  if (isGuardPage(addr)) {
    vm.guardHits++;
    rawLine(`kernel: guard page hit at ${addr >>> 0} just past a ${a.pages}-page vmalloc area at ${a.start} (stack overflow?)`);
    return false;
  }
  if (!a.demandZero) return false;
  const phys = allocPages(0, Zone.Normal);
  if (phys === 0) return false;
  const page = addr & ~(PAGE_BYTES - 1);
  mapPage(page >>> 0, phys, PageFlags.Write | PageFlags.Global);
  memset(page >>> 0, 0, PAGE_BYTES);
  vm.demandFaults++;
  vm.mappedPages++;
  return true;
}

/** Is `addr` inside a guard page: after any vmalloc area, or below a kernel stack? */
export function isGuardPage(addr: u32): boolean {
  const a = areaFor(addr);
  if (a === null) return false;
  if (addr >= a.end) return true;
  return addr < a.start + PAGE_BYTES && vm.stackBases.includes(a.start);
}

/** Installs the kernel page-fault policy. */
export function vmmInit(): void {
  setPageFaultHook(handleKernelFault);
  setGuardPageQuery(isGuardPage);
}

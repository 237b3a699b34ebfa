/**
 * The kernel heap behind `new` and the runtime's allocations (kmalloc/kfree). Before memory
 * is set up, allocations come from a static early arena (never freed). Afterwards small sizes
 * go to the slab caches and larger ones get whole buddy pages with a small header.
 */
import { allocPages, freePages, PAGE_SIZE, Zone } from "./pmm";
import { KERNEL_BASE } from "../arch/x86/layout";
import { cacheFor, cacheOf, SlabError } from "./slab";
import { kmemleakAlloc, kmemleakEnabled, kmemleakFree } from "../debug/kmemleak";

const EARLY_ARENA_BYTES: u32 = 1 << 20;
/** @align 16 */
const earlyArena = new Array<u8>(EARLY_ARENA_BYTES).fill(0);
const HEADER: u32 = 8;
const MAGIC_LARGE: u32 = 0x4c524745;

// Plain module variables with constant initializers: they are valid before any module's
// init runs, because other modules' top-level code allocates.
let earlyUsed: u32 = 0;
let pagesReady = false;
let bytesInUse: u32 = 0;
let largeBlocks: u32 = 0;
let badFrees: u32 = 0;

/** Switches the heap from the early arena to slabs and pages (after paging is up). */
export function heapUsePages(): void {
  pagesReady = true;
}

function orderFor(bytes: u32): i32 {
  let order = 0;
  while ((PAGE_SIZE << order) < bytes) order++;
  return order;
}

/** Allocates `size` zeroed bytes; panics when memory is exhausted. */
export function kmalloc(size: u32): u32 {
  const n = ((size + 7) & ~7) >>> 0;
  if (!pagesReady) {
    if (earlyUsed + n > EARLY_ARENA_BYTES) panic(`early heap exhausted (${size} bytes requested)`);
    const p = addressOf(earlyArena) + earlyUsed;
    earlyUsed += n;
    return p;
  }
  const cache = cacheFor(n === 0 ? 8 : n);
  if (cache !== null) {
    const obj = cache.alloc();
    if (obj === 0) panic(`out of memory allocating ${size} bytes`);
    bytesInUse += cache.objectSize;
    if (kmemleakEnabled()) kmemleakAlloc(obj, cache.objectSize, framePointer());
    return obj;
  }
  const order = orderFor(n + HEADER);
  const phys = allocPages(order, Zone.Normal);
  if (phys === 0) panic(`out of memory allocating ${size} bytes`);
  const v = phys + KERNEL_BASE;
  memset(v, 0, PAGE_SIZE << order);
  store32(v, MAGIC_LARGE);
  store32(v + 4, u32(order));
  largeBlocks++;
  bytesInUse += PAGE_SIZE << order;
  if (kmemleakEnabled()) kmemleakAlloc(v + HEADER, PAGE_SIZE << order, framePointer());
  return v + HEADER;
}

/** Frees memory from kmalloc; a bad or double free is counted and reported (checked builds panic). */
export function kfree(addr: u32): void {
  if (addr === 0) return;
  const base = addressOf(earlyArena);
  if (addr >= base && addr < base + EARLY_ARENA_BYTES) return; // the early arena is never reused
  if (kmemleakEnabled()) kmemleakFree(addr);
  if ((addr & (PAGE_SIZE - 1)) === HEADER && load32(addr - HEADER) === MAGIC_LARGE) {
    const order = i32(load32(addr - 4));
    store32(addr - HEADER, 0);
    if (freePages(addr - HEADER - KERNEL_BASE, order) !== 0) badFree(addr, "its pages were not allocated");
    largeBlocks--;
    bytesInUse -= PAGE_SIZE << order;
    return;
  }
  const cache = cacheOf(addr);
  if (cache === null) { badFree(addr, "it is not a heap address"); return; }
  const r = cache.free(addr);
  if (r === SlabError.DoubleFree) badFree(addr, "it was already freed");
  else if (r !== SlabError.None) badFree(addr, "it is not the start of an object");
  else bytesInUse -= cache.objectSize;
}

function badFree(addr: u32, why: Fmt): void {
  badFrees++;
  if (OSTC_CHECKED) panic(`kfree(${addr}): ${why}`);
}

/** Bytes currently allocated from slabs and pages. */
export function heapBytesInUse(): u32 {
  return bytesInUse;
}

/** Bytes taken from the early arena. */
export function heapEarlyBytes(): u32 {
  return earlyUsed;
}

/** Refused frees so far (release builds count instead of panicking). */
export function heapBadFrees(): u32 {
  return badFrees;
}

/** @linkname kernel_alloc */
export function kernelAlloc(size: u32): u32 {
  return kmalloc(size);
}

/** @linkname kernel_free */
export function kernelFree(addr: u32): void {
  kfree(addr);
}

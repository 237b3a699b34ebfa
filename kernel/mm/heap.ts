/**
 * The kernel heap behind `new` and the runtime's allocations. Before physical memory is set
 * up, allocations come from a static early arena; afterwards from pages of the buddy
 * allocator, carved by a bump pointer (small objects) or given whole (large ones).
 */
import { allocPages, freePages, PAGE_SIZE, Zone } from "./pmm";
import { KERNEL_BASE } from "../boot/multiboot";

const EARLY_ARENA_BYTES: u32 = 1 << 20;
/** @align 16 */
const earlyArena = new Array<u8>(EARLY_ARENA_BYTES).fill(0);
const LARGE: u32 = 2048;
const HEADER: u32 = 8;
const MAGIC_LARGE: u32 = 0x4c524745;

// Plain module variables with constant initializers: they are valid before any module's
// init runs, because other modules' top-level code allocates.
let earlyUsed: u32 = 0;
let chunk: u32 = 0;
let chunkLeft: u32 = 0;
let pagesReady = false;
let bytesAllocated: u32 = 0;
let largeBlocks: u32 = 0;

/** Switches the heap from the early arena to buddy pages (after pmmInit). */
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
  bytesAllocated += n;
  if (!pagesReady) {
    if (earlyUsed + n > EARLY_ARENA_BYTES) panic(`early heap exhausted (${size} bytes requested)`);
    const p = addressOf(earlyArena) + earlyUsed;
    earlyUsed += n;
    return p;
  }
  if (n >= LARGE) {
    const order = orderFor(n + HEADER);
    const phys = allocPages(order, Zone.Normal);
    if (phys === 0) panic(`out of memory allocating ${size} bytes`);
    const v = phys + KERNEL_BASE;
    memset(v, 0, PAGE_SIZE << order);
    store32(v, MAGIC_LARGE);
    store32(v + 4, u32(order));
    largeBlocks++;
    return v + HEADER;
  }
  if (chunkLeft < n) {
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) panic(`out of memory allocating ${size} bytes`);
    chunk = phys + KERNEL_BASE;
    memset(chunk, 0, PAGE_SIZE);
    chunkLeft = PAGE_SIZE;
  }
  const p = chunk;
  chunk += n;
  chunkLeft -= n;
  return p;
}

/** Frees memory from kmalloc. Large blocks return to the buddy allocator; small ones stay with their page. */
export function kfree(addr: u32): void {
  if (addr === 0) return;
  const base = addressOf(earlyArena);
  if (addr >= base && addr < base + EARLY_ARENA_BYTES) return;
  if ((addr & (PAGE_SIZE - 1)) === HEADER && load32(addr - HEADER) === MAGIC_LARGE) {
    const order = i32(load32(addr - 4));
    store32(addr - HEADER, 0);
    if (freePages(addr - HEADER - KERNEL_BASE, order) !== 0) panic(`kfree: bad free of ${addr}`);
    largeBlocks--;
  }
}

/** Bytes handed out so far. */
export function heapBytesAllocated(): u32 {
  return bytesAllocated;
}

/** @linkname kernel_alloc */
export function kernelAlloc(size: u32): u32 {
  return kmalloc(size);
}

/** @linkname kernel_free */
export function kernelFree(addr: u32): void {
  kfree(addr);
}

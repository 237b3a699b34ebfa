/**
 * Slab caches: fixed-size objects carved from single pages. Each slab page starts with a
 * header; free objects are chained through their first word. kmalloc's small size classes are
 * slab caches. In checked builds freed objects are poisoned, and allocation verifies the
 * poison so a use-after-free write or a double free is reported instead of corrupting memory.
 */
import { allocPages, freePages, PAGE_SIZE, Zone } from "./pmm";
import { KERNEL_BASE } from "../arch/x86/layout";

/** Marks a slab page (first word of the page). */
export const SLAB_MAGIC: u32 = 0x534c4142;
const HEADER_BYTES: u32 = 32;
const POISON: u8 = 0x6b;
const POISON_WORD: u32 = 0x6b6b6b6b;
// Header layout (offsets in the slab page).
const H_MAGIC: u32 = 0;
const H_CACHE: u32 = 4;
const H_IN_USE: u32 = 8;
const H_FREE: u32 = 12;
const H_NEXT: u32 = 16;

/** Why a slab operation was refused. */
export const enum SlabError { None = 0, NotSlab = 1, Misaligned = 2, DoubleFree = 3 }

/** A cache of equally sized objects. */
export class SlabCache {
  /** Slab pages with at least one free object (singly linked through H_NEXT). */
  partial: u32 = 0;
  slabs: u32 = 0;
  allocated: u32 = 0;
  frees: u32 = 0;
  readonly perSlab: u32;

  constructor(readonly name: string, readonly objectSize: u32, readonly index: u32, readonly poison: boolean) {
    this.perSlab = Math.trunc((PAGE_SIZE - HEADER_BYTES) / objectSize);
  }

  private grow(): boolean {
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) return false;
    const page = phys + KERNEL_BASE;
    store32(page + H_MAGIC, SLAB_MAGIC);
    store32(page + H_CACHE, this.index);
    store32(page + H_IN_USE, 0);
    let free: u32 = 0;
    for (let i = i32(this.perSlab) - 1; i >= 0; i--) {
      const obj = page + HEADER_BYTES + u32(i) * this.objectSize;
      if (this.poison) memset(obj, POISON, this.objectSize);
      store32(obj, free);
      free = obj;
    }
    store32(page + H_FREE, free);
    store32(page + H_NEXT, this.partial);
    this.partial = page;
    this.slabs++;
    return true;
  }

  /** Allocates one zeroed object; 0 when memory is exhausted. */
  alloc(): u32 {
    if (this.partial === 0 && !this.grow()) return 0;
    const page = this.partial;
    const obj = load32(page + H_FREE);
    store32(page + H_FREE, load32(obj));
    store32(page + H_IN_USE, load32(page + H_IN_USE) + 1);
    if (load32(page + H_FREE) === 0) this.partial = load32(page + H_NEXT); // now full: off the partial list
    if (this.poison) {
      for (let off: u32 = 4; off + 4 <= this.objectSize; off += 4) {
        if (load32(obj + off) !== POISON_WORD) panic(`slab ${this.name}: object ${obj} was written after it was freed (offset ${off})`);
      }
    }
    memset(obj, 0, this.objectSize);
    this.allocated++;
    return obj;
  }

  /** Returns an object to its slab; SlabError.None or why it was refused. */
  free(obj: u32): i32 {
    const page = obj & ~(PAGE_SIZE - 1);
    const offset = obj - (page >>> 0) - HEADER_BYTES;
    if (obj < (page >>> 0) + HEADER_BYTES || offset % this.objectSize !== 0) return SlabError.Misaligned;
    if (this.poison && this.looksFree(obj)) return SlabError.DoubleFree;
    const wasFull = load32((page >>> 0) + H_FREE) === 0;
    if (this.poison) memset(obj, POISON, this.objectSize);
    store32(obj, load32((page >>> 0) + H_FREE));
    store32((page >>> 0) + H_FREE, obj);
    store32((page >>> 0) + H_IN_USE, load32((page >>> 0) + H_IN_USE) - 1);
    if (wasFull) {
      store32((page >>> 0) + H_NEXT, this.partial);
      this.partial = page >>> 0;
    }
    this.frees++;
    this.allocated--;
    return SlabError.None;
  }

  /** A free object carries the poison after its link word; a live one almost never does in full. */
  private looksFree(obj: u32): boolean {
    if (this.objectSize < 8) return false;
    for (let off: u32 = 4; off + 4 <= this.objectSize; off += 4) if (load32(obj + off) !== POISON_WORD) return false;
    // Confirm by walking the slab's free list.
    const page = (obj & ~(PAGE_SIZE - 1)) >>> 0;
    for (let f = load32(page + H_FREE); f !== 0; f = load32(f)) if (f === obj) return true;
    return false;
  }
}

/** Object sizes of kmalloc's slab caches. */
export const KMALLOC_SIZES: u32[] = [16, 32, 64, 128, 256, 512, 1024];
const caches: SlabCache[] = [];

/** Creates the kmalloc caches; runs while the heap still uses its early arena (the caches are heap objects). */
export function slabInit(): void {
  for (let i = 0; i < KMALLOC_SIZES.length; i++) caches.push(new SlabCache(`kmalloc-${KMALLOC_SIZES[i]}`, KMALLOC_SIZES[i], u32(i), OSTC_CHECKED));
}

/** The cache for `size`-byte objects; null above the largest class (or before slabInit). */
export function cacheFor(size: u32): SlabCache | null {
  for (const c of caches) if (size <= c.objectSize) return c;
  return null;
}

/** The cache that owns the slab page holding `addr`, or null when it is not a slab page. */
export function cacheOf(addr: u32): SlabCache | null {
  const page = (addr & ~(PAGE_SIZE - 1)) >>> 0;
  if (load32(page + H_MAGIC) !== SLAB_MAGIC) return null;
  const i = load32(page + H_CACHE);
  return i < u32(caches.length) ? caches[i] : null;
}

/** All kmalloc caches (for statistics). */
export function kmallocCaches(): SlabCache[] {
  return caches;
}

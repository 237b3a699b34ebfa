/**
 * Reference counts of physical pages mapped into user address spaces, so copy-on-write can
 * share a page between parent and child after fork and free it only when the last mapping
 * goes. Counts exist for the direct-mapped range (user pages come from it).
 */
import { allocPages, directMapBytes, freePages, PAGE_SIZE, Zone } from "./pmm";
import { KERNEL_BASE } from "../arch/x86/layout";

let refs: u16[] = new Array<u16>(0).fill(0);
let limitPfn: u32 = 0;

/** Allocates the count array (2 bytes per direct-mapped page). */
export function pageRefInit(): void {
  limitPfn = directMapBytes() >>> 12;
  const bytes = limitPfn * 2;
  let order = 0;
  while ((PAGE_SIZE << order) < bytes) order++;
  const phys = allocPages(order, Zone.Normal);
  if (phys === 0) panic("cannot allocate page reference counts");
  memset(phys + KERNEL_BASE, 0, PAGE_SIZE << order);
  refs = arrayAt<u16>(phys + KERNEL_BASE, i32(limitPfn));
}

function index(pa: u32): i32 {
  const pfn = pa >>> 12;
  if (pfn >= limitPfn) panic(`page reference for ${pa} outside the direct map`);
  return i32(pfn);
}

/** The number of user mappings of page `pa`. */
export function pageRefCount(pa: u32): u32 {
  return refs[index(pa)];
}

/** Records one more mapping of `pa`. */
export function pageGet(pa: u32): void {
  const i = index(pa);
  if (refs[i] === 0xffff) panic("page reference count overflow");
  refs[i] = refs[i] + 1;
}

/** Drops one mapping of `pa`, freeing the page with the last one; true when it was freed. */
export function pagePut(pa: u32): boolean {
  const i = index(pa);
  if (refs[i] === 0) panic(`page ${pa} released more often than mapped`);
  refs[i] = refs[i] - 1;
  if (refs[i] !== 0) return false;
  freePages((pa & ~(PAGE_SIZE - 1)) >>> 0, 0);
  return true;
}

/**
 * Shared anonymous memory (mmap MAP_SHARED | MAP_ANONYMOUS, or MAP_SHARED of /dev/zero): pages
 * that every region mapping the object sees — the process that made it and its fork children —
 * so a write by one is read by all. A page is zeroed on the first touch by any sharer and stays
 * until the last region lets go of the object.
 */
import { KERNEL_BASE } from "../arch/x86/layout";
import { PAGE_BYTES } from "../arch/x86/paging";
import { MemoryObject } from "./memobject";
import { pageGet, pagePut } from "./pageref";
import { allocPages, Zone } from "./pmm";

/** A shared anonymous memory object: demand-zero pages by index, kept until the last region goes. */
export class SharedMemory extends MemoryObject {
  /** Physical page by index (0: not touched yet). */
  private pages: u32[] = [];

  pageAt(index: u32): u32 {
    while (u32(this.pages.length) <= index) this.pages.push(0);
    const known = this.pages[index];
    if (known !== 0) return known;
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) return 0;
    memset(phys + KERNEL_BASE, 0, PAGE_BYTES);
    pageGet(phys); // the object's own reference
    this.pages[index] = phys;
    return phys;
  }

  release(): void {
    for (const p of this.pages) if (p !== 0) pagePut(p);
    dispose(this.pages);
  }
}
